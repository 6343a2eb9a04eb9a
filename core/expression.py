"""A safe parser for the formulas students type, such as ``0.01*x**2 + 0.1*x``.

The text is parsed with ``ast`` and only a small whitelist of nodes is accepted
(numbers, the variables, pi and e, + - * / ** and unary +/-, and calls of the
functions in FUNCTIONS).  The accepted tree is turned into nested closures over
NumPy ufuncs; user text is never handed to the Python compiler to run.
"""
import ast
import re

import numpy as np

MAX_LENGTH = 200  # characters
MAX_DEPTH = 40  # nesting of expression nodes in the syntax tree
MAX_NUMBER = 1e300


def _sigmoid(x):
    z = np.exp(-np.abs(x))  # in (0, 1]: neither branch below can overflow
    return np.where(np.asarray(x) >= 0, 1.0 / (1.0 + z), z / (1.0 + z))


def _relu(x):
    return np.maximum(x, 0.0)


FUNCTIONS = {
    "sin": np.sin, "cos": np.cos, "tan": np.tan, "exp": np.exp, "log": np.log,
    "log10": np.log10, "sqrt": np.sqrt, "abs": np.abs, "tanh": np.tanh,
    "sinh": np.sinh, "cosh": np.cosh, "arctan": np.arctan, "atan": np.arctan,
    "arcsin": np.arcsin, "arccos": np.arccos, "sigmoid": _sigmoid, "relu": _relu,
}
CONSTANTS = {"pi": np.float64(np.pi), "e": np.float64(np.e)}

_MESSAGES = {
    "empty": "the expression is empty",
    "too_long": f"the expression is longer than {MAX_LENGTH} characters",
    "non_ascii": "the expression contains a character that is not plain ASCII",
    "syntax": "the expression is not a valid formula",
    "too_deep": f"the expression is nested more than {MAX_DEPTH} levels deep",
    "not_allowed": "this construct is not allowed in a formula",
    "unknown_name": "unknown name",
    "bad_call": "not a call of a supported function with one argument",
    "bad_number": f"a number is not finite or larger than {MAX_NUMBER:g} in size",
}
CODES = tuple(_MESSAGES)

_BINARY = {ast.Add: np.add, ast.Sub: np.subtract, ast.Mult: np.multiply,
           ast.Div: np.true_divide, ast.Pow: np.power}
_UNARY = {ast.UAdd: np.positive, ast.USub: np.negative}

_DIGITS = r"\d(?:_?\d)*"
_NUMBER = (r"0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+"
           rf"|(?:{_DIGITS}(?:\.(?:{_DIGITS})?)?|\.{_DIGITS})(?:[eE][+-]?{_DIGITS})?[jJ]?")
# A name, or a number literal plus whatever letters, digits or dots run straight on from it.
_TOKEN = re.compile(rf"[A-Za-z_]\w*|(?:{_NUMBER})([\w.]*)")


class ExpressionError(ValueError):
    """A rejected formula.

    code : short machine code (one of CODES) that the UI translates.
    detail : the offending piece of text, or ''.
    """

    def __init__(self, code, detail=""):
        super().__init__(code, detail)
        self.code = code
        self.detail = detail

    def __str__(self):
        message = _MESSAGES.get(self.code, self.code)
        return f"{message}: {self.detail!r}" if self.detail else message


class Expression:
    """A validated formula, callable on scalars or arrays.

    text : the normalised text that was parsed (whitespace collapsed, ^ written **).
    variables : the names of the arguments, in call order.
    """

    __slots__ = ("text", "variables", "_fn")

    def __init__(self, text, variables, fn):
        self.text = text
        self.variables = variables
        self._fn = fn

    def __call__(self, *args):
        """Evaluate elementwise, one argument per variable.

        Arguments broadcast against each other; the result is a new float64 array of
        the broadcast shape (0-d for scalars).  Domain errors and overflow give nan or
        inf in the result, never an exception or a warning.
        """
        if len(args) != len(self.variables):
            raise TypeError(f"{self!r} takes {len(self.variables)} argument(s); got {len(args)}")
        with np.errstate(all="ignore"):
            env = tuple(np.asarray(a, dtype=np.float64) for a in args)
            shape = np.broadcast_shapes(*(a.shape for a in env))
            # always a copy: f = parse_expression("x") must not hand back the caller's array
            return np.array(np.broadcast_to(self._fn(env), shape), dtype=np.float64)

    def __repr__(self):
        return f"Expression({self.text!r}, variables={self.variables!r})"


def parse_expression(text, variables=("x",)):
    """Parse a formula typed by a user into an Expression.

    Parameters
    ----------
    text : str, e.g. "0.01*x**2 + 0.1*x", "x0**2 + x1**2", "sin(x) * exp(-x/3)", "x^2".
    variables : names the formula may use, in the order the Expression takes them.

    Raises
    ------
    ExpressionError, whose code says why the text was rejected.
    """
    variables = _check_variables(variables)
    if not isinstance(text, str) or not text.strip():
        raise ExpressionError("empty")
    text = text.strip()
    if len(text) > MAX_LENGTH:
        raise ExpressionError("too_long", text[:30])
    for char in text:
        if ord(char) > 127 and not char.isspace():
            raise ExpressionError("non_ascii", char)
    text = " ".join(text.split()).replace("^", "**")
    tree = _parse(text)
    _check_depth(tree.body)
    fn = _build(tree.body, text, {name: i for i, name in enumerate(variables)})
    return Expression(text, variables, fn)


def _check_variables(variables):
    variables = (variables,) if isinstance(variables, str) else tuple(variables)
    for name in variables:
        if (not isinstance(name, str) or not name.isidentifier() or name.startswith("_")
                or name in FUNCTIONS or name in CONSTANTS or variables.count(name) > 1):
            raise ValueError(f"invalid variable name {name!r} in {variables!r}")
    return variables


def _parse(text):
    # Backslashes (escapes in strings) and numbers running into keywords ("1if") are
    # rejected before ast.parse, which would warn about them; warnings filters are global.
    # "#" would start a comment, so what is plotted would differ from what was typed.
    for char in "\\#":
        if char in text:
            raise ExpressionError("syntax", char)
    for match in _TOKEN.finditer(text):
        if match.group(1):
            raise ExpressionError("syntax", match.group(0)[:30])
    try:
        return ast.parse(text, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
        offset = getattr(error, "offset", None)
        raise ExpressionError("syntax", text[offset - 1:][:30].strip() if offset else "") from None


def _check_depth(root):
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ExpressionError("too_deep")
        for child in ast.iter_child_nodes(node):
            stack.append((child, depth + isinstance(child, ast.expr)))


def _segment(node, text):
    return (ast.get_source_segment(text, node) or type(node).__name__)[:30]


def _build(node, text, index):
    """Validate node and return a closure env -> value, env being the argument arrays."""
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        op = _BINARY[type(node.op)]
        left, right = _build(node.left, text, index), _build(node.right, text, index)
        return lambda env: op(left(env), right(env))
    if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
        op, operand = _UNARY[type(node.op)], _build(node.operand, text, index)
        return lambda env: op(operand(env))
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        try:
            value = np.float64(float(node.value))
        except OverflowError:
            value = np.float64(np.inf)
        if not np.isfinite(value) or abs(value) > MAX_NUMBER:
            raise ExpressionError("bad_number", _segment(node, text))
        return lambda env: value
    if isinstance(node, ast.Name) and not node.id.startswith("__"):
        name = node.id
        if name in index:
            i = index[name]
            return lambda env: env[i]
        if name in CONSTANTS:
            value = CONSTANTS[name]
            return lambda env: value
        if name in FUNCTIONS:
            raise ExpressionError("bad_call", name)  # a function name without a call
        raise ExpressionError("unknown_name", name)
    name = node.func.id if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) else ""
    if name and not name.startswith("__"):
        if name not in FUNCTIONS:
            raise ExpressionError("bad_call", name)
        if node.keywords:
            raise ExpressionError("not_allowed", _segment(node, text))
        if len(node.args) != 1:
            raise ExpressionError("bad_call", name)
        function, argument = FUNCTIONS[name], _build(node.args[0], text, index)
        return lambda env: function(argument(env))
    raise ExpressionError("not_allowed", _segment(node, text))
