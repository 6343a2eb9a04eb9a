"""Chapter 4 of Deep Learning from Scratch in pure NumPy: losses, numerical
differentiation, gradients, gradient descent and a two-layer network trained by SGD."""
from core.simple_net import SimpleNet
from core.two_layer_net import TwoLayerNet

__all__ = ["SimpleNet", "TwoLayerNet"]
