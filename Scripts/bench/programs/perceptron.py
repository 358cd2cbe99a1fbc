import time
t = time.perf_counter()
x1 = [0, 0, 1, 1]
x2 = [0, 1, 0, 1]
target = [0, 1, 1, 0]
w1 = 0.0; w2 = 0.0; b = 0.0; lr = 0.1
errors = 0
for epoch in range(100000):
    for j in range(4):
        u = w1 * x1[j] + w2 * x2[j] + b
        y = 0
        if u >= 0:
            y = 1
        e = target[j] - y
        if e != 0:
            errors += 1
        w1 += lr * e * x1[j]
        w2 += lr * e * x2[j]
        b += lr * e
print(errors, time.perf_counter() - t)
