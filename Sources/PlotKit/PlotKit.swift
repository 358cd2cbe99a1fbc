// PlotKit: pictures of tensors — function plots, scatter plots and image grids — drawn in the
// terminal (Unicode, optional 24-bit colour) or written as PNG / SVG files.
import TensorKit
