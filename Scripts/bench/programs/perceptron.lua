local t = os.clock()
local x1 = {0, 0, 1, 1}
local x2 = {0, 1, 0, 1}
local target = {0, 1, 1, 0}
local w1, w2, b, lr = 0.0, 0.0, 0.0, 0.1
local errors = 0
for epoch = 1, 100000 do
  for j = 1, 4 do
    local u = w1 * x1[j] + w2 * x2[j] + b
    local y = 0
    if u >= 0 then y = 1 end
    local e = target[j] - y
    if e ~= 0 then errors = errors + 1 end
    w1 = w1 + lr * e * x1[j]
    w2 = w2 + lr * e * x2[j]
    b = b + lr * e
  end
end
print(errors, os.clock() - t)
