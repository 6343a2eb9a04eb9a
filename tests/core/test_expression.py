"""The formula parser: known values, a corpus of hostile inputs, and property tests."""
import math
import pickle
import string
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from core.expression import (CODES, FUNCTIONS, MAX_DEPTH, MAX_LENGTH, Expression, ExpressionError,
                             parse_expression)

XS = np.linspace(-3.0, 3.0, 13)


def rejects(text, variables=("x",)):
    """The ExpressionError raised for text, and the seconds it took."""
    start = time.perf_counter()
    with pytest.raises(ExpressionError) as info:
        parse_expression(text, variables)
    return info.value, time.perf_counter() - start


# ---------------------------------------------------------------- known values

def test_book_function_at_5_and_10():
    f = parse_expression("0.01*x**2 + 0.1*x")
    assert f(5.0) == pytest.approx(0.75)
    assert f(10.0) == pytest.approx(2.0)
    np.testing.assert_allclose(f(XS), 0.01 * XS ** 2 + 0.1 * XS, rtol=1e-15)


def test_two_variable_function():
    f = parse_expression("x0**2 + x1**2", variables=("x0", "x1"))
    assert f(3.0, 4.0) == pytest.approx(25.0)
    assert f.variables == ("x0", "x1")


def test_caret_is_power():
    f = parse_expression("x^2")
    assert f.text == "x**2"
    np.testing.assert_array_equal(f(XS), parse_expression("x**2")(XS))
    assert parse_expression("2^3^2")(0.0) == 512.0  # right-associative, as **


@pytest.mark.parametrize("text, x, expected", [
    ("2*pi*x", 1.0, 2 * math.pi),
    ("e**x", 1.0, math.e),
    ("-x**2", 3.0, -9.0),
    ("2**-1", 0.0, 0.5),
    ("10/4", 0.0, 2.5),
    ("7 - 2 - 1", 0.0, 4.0),
    ("(1 + x) * (1 - x)", 2.0, -3.0),
    ("+x - -x", 1.5, 3.0),
    ("sin(x) * exp(-x/3)", 2.0, math.sin(2.0) * math.exp(-2.0 / 3)),
    ("1_000 * x", 2.0, 2000.0),
    ("1.5e-3 * x", 2.0, 3e-3),
])
def test_arithmetic_follows_python_precedence(text, x, expected):
    assert parse_expression(text)(x) == pytest.approx(expected, rel=1e-15)


REFERENCE = {  # name -> (math-module reference, points inside its domain)
    "sin": (math.sin, XS), "cos": (math.cos, XS), "tan": (math.tan, XS),
    "exp": (math.exp, XS), "log": (math.log, XS[XS > 0]), "log10": (math.log10, XS[XS > 0]),
    "sqrt": (math.sqrt, XS[XS >= 0]), "abs": (abs, XS), "tanh": (math.tanh, XS),
    "sinh": (math.sinh, XS), "cosh": (math.cosh, XS), "arctan": (math.atan, XS),
    "atan": (math.atan, XS), "arcsin": (math.asin, XS / 3), "arccos": (math.acos, XS / 3),
    "sigmoid": (lambda v: 1 / (1 + math.exp(-v)), XS), "relu": (lambda v: max(v, 0.0), XS),
}


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_functions_match_the_math_module(name):
    reference, points = REFERENCE[name]
    got = parse_expression(f"{name}(x)")(points)
    np.testing.assert_allclose(got, [reference(float(v)) for v in points], rtol=1e-14, atol=1e-15)


def test_broadcasting_over_a_grid():
    f = parse_expression("x0**2 + 3*x1", variables=("x0", "x1"))
    a, b = np.linspace(-1, 1, 5)[:, None], np.linspace(0, 2, 7)
    out = f(a, b)
    assert out.shape == (5, 7) and out.dtype == np.float64
    np.testing.assert_allclose(out, a ** 2 + 3 * b)


@pytest.mark.parametrize("text, variables, args, shape", [
    ("x**2", ("x",), (np.zeros(4),), (4,)),
    ("x**2", ("x",), (np.zeros((3, 2)),), (3, 2)),
    ("3", ("x",), (np.zeros(6),), (6,)),  # a constant still has the argument's shape
    ("x0", ("x0", "x1"), (np.zeros((3, 1)), np.zeros(4)), (3, 4)),
    ("x", ("x",), (2,), ()),
])
def test_result_has_the_broadcast_shape(text, variables, args, shape):
    out = parse_expression(text, variables)(*args)
    assert isinstance(out, np.ndarray) and out.shape == shape and out.dtype == np.float64


def test_result_is_a_new_array():
    x = np.array([1.0, 2.0])
    out = parse_expression("x")(x)
    out[0] = 99.0
    assert x[0] == 1.0


def test_integer_input_is_evaluated_in_float():
    assert parse_expression("x / 2")(np.arange(3)).tolist() == [0.0, 0.5, 1.0]


@pytest.mark.filterwarnings("error")
def test_sigmoid_is_finite_at_large_inputs():
    x = np.array([-1e308, -1000.0, -50.0, 0.0, 50.0, 1000.0, 1e308, -np.inf, np.inf])
    out = parse_expression("sigmoid(x)")(x)
    assert np.all(np.isfinite(out))
    np.testing.assert_allclose(out, [0, 0, math.exp(-50), 0.5, 1, 1, 1, 0, 1], atol=1e-300)
    np.testing.assert_array_equal(FUNCTIONS["sigmoid"](x), out)  # stable outside errstate too


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("text, x, expected", [
    ("log(x)", -1.0, "nan"), ("log(x)", 0.0, "-inf"), ("1/x", 0.0, "inf"),
    ("exp(x)", 1000.0, "inf"), ("sqrt(x)", -4.0, "nan"), ("x/x", 0.0, "nan"),
    ("arcsin(x)", 2.0, "nan"), ("sigmoid(x)", np.nan, "nan"), ("relu(x)", np.nan, "nan"),
])
def test_domain_errors_give_nan_or_inf_without_warning(text, x, expected):
    out = parse_expression(text)(np.array([x, 0.5]))
    assert str(out[0]) == expected


def test_huge_power_is_inf_and_fast():
    f = parse_expression("9**9**9")
    start = time.perf_counter()
    out = f(np.zeros(3))
    assert time.perf_counter() - start < 0.5
    assert not np.any(np.isfinite(out))


def test_wrong_number_of_arguments_is_a_type_error():
    with pytest.raises(TypeError):
        parse_expression("x0 + x1", ("x0", "x1"))(1.0)


def test_unicode_whitespace_is_normalised():
    f = parse_expression("  x\u3000+\u00a01\t*\n2 ")
    assert f.text == "x + 1 * 2"
    assert f(1.0) == 3.0


def test_length_and_depth_limits_are_inclusive():
    padded = "sin(" + " " * (MAX_LENGTH - 6) + "x)"
    assert len(padded) == MAX_LENGTH and parse_expression(padded)(0.0) == 0.0
    assert parse_expression(padded + "  ")(0.0) == 0.0  # surrounding blanks do not count
    assert rejects("sin( " + padded[4:])[0].code == "too_long"
    assert parse_expression("-" * (MAX_DEPTH - 1) + "x")(1.0) == -1.0
    assert rejects("-" * MAX_DEPTH + "x")[0].code == "too_deep"


def test_accepted_expression_is_fast_on_1000_points():
    text = ("sigmoid(x)*sin(x)**2 + log10(abs(x)+1)/sqrt(1+x**2) - tanh(x/3)*exp(-x**2)"
            " + relu(x-1)*arctan(x) + cosh(x/9)")
    f, x = parse_expression(text), np.linspace(-10, 10, 1000)
    best = min(_timed(f, x) for _ in range(5))
    assert best < 0.05


def _timed(f, x):
    start = time.perf_counter()
    f(x)
    return time.perf_counter() - start


def test_error_is_a_value_error_with_a_readable_message_and_pickles():
    err = rejects("y + 1")[0]
    assert isinstance(err, ValueError)
    assert (err.code, err.detail) == ("unknown_name", "y")
    assert "unknown name" in str(err) and "'y'" in str(err)
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.code, copy.detail) == ("unknown_name", "y")


@pytest.mark.parametrize("variables", [("x", "x"), ("sin",), ("pi",), ("_x",), ("2x",), (1,)])
def test_bad_variable_names_are_a_programming_error(variables):
    with pytest.raises(ValueError):
        parse_expression("1", variables)


def test_repr_names_text_and_variables():
    assert repr(parse_expression("x^2")) == "Expression('x**2', variables=('x',))"


# ---------------------------------------------------------------- hostile corpus

HOSTILE = [
    ("__import__('os')", "not_allowed"),
    ("__builtins__", "not_allowed"),
    ("x.__class__", "not_allowed"),
    ("x.real", "not_allowed"),
    ("().__class__.__bases__[0]", "not_allowed"),
    ("sin.__call__(x)", "not_allowed"),
    ("(lambda: 0)()", "not_allowed"),
    ("sin(x)(1)", "not_allowed"),
    ("open('f')", "bad_call"),
    ("exec('1')", "bad_call"),
    ("eval('1')", "bad_call"),
    ("globals()", "bad_call"),
    ("print(x)", "bad_call"),
    ("getattr(x,'a')", "bad_call"),
    ("lambda: 1", "not_allowed"),
    ("[i for i in x]", "not_allowed"),
    ("{1: 2}", "not_allowed"),
    ("{x}", "not_allowed"),
    ("[x]", "not_allowed"),
    ("(x, x)", "not_allowed"),
    ("()", "not_allowed"),
    ("x if x else 1", "not_allowed"),
    ("x < 1", "not_allowed"),
    ("x and 1", "not_allowed"),
    ("not x", "not_allowed"),
    ("f'{x}'", "not_allowed"),
    ("'abc'", "not_allowed"),
    ("b'a'", "not_allowed"),
    ("1j", "not_allowed"),
    ("True", "not_allowed"),
    ("None", "not_allowed"),
    ("...", "not_allowed"),
    ("x[0]", "not_allowed"),
    ("(x := 1)", "not_allowed"),
    ("(yield x)", "not_allowed"),
    ("*x", "syntax"),
    ("sin(*x)", "not_allowed"),
    ("sqrt(**{})", "not_allowed"),
    ("sin(x=1)", "not_allowed"),
    ("sin(x, 2)", "bad_call"),
    ("sin()", "bad_call"),
    ("sin", "bad_call"),
    ("sin + 1", "bad_call"),
    ("x(1)", "bad_call"),
    ("ln(x)", "bad_call"),
    ("Sin(x)", "bad_call"),
    ("1e999", "bad_number"),
    ("9.9e300", "bad_number"),
    ("-2e301*x", "bad_number"),
    ("(" * 100 + "x" + ")" * 100, "too_long"),
    ("x+" * 150 + "x", "too_long"),
    ("9" * (MAX_LENGTH + 1), "too_long"),
    ("-" * 100 + "x", "too_deep"),
    ("x**" * 60 + "x", "too_deep"),
    ("x²", "non_ascii"),
    ("π*x", "non_ascii"),
    ("x，1", "non_ascii"),
    ("，", "non_ascii"),
    ("x\u200b", "non_ascii"),  # zero-width space is not whitespace
    ("", "empty"),
    ("   ", "empty"),
    ("\n\t", "empty"),
    ("x +", "syntax"),
    ("2x", "syntax"),
    ("sin(2x)", "syntax"),
    ("1if x else 2", "syntax"),
    ("x.1if", "syntax"),
    ("'\\d'", "syntax"),
    ("x # comment", "syntax"),
    ("1__0", "syntax"),
    ("(", "syntax"),
    ("x\x00", "syntax"),
    ("x ^^ 2", "syntax"),
    ("import os", "syntax"),
    ("x; 1", "syntax"),
    ("x\n1", "syntax"),
    ("x // 2", "not_allowed"),
    ("x % 2", "not_allowed"),
    ("x @ x", "not_allowed"),
    ("~x", "not_allowed"),
    ("x << 1", "not_allowed"),
    ("x | 1", "not_allowed"),
    ("y", "unknown_name"),
    ("x0", "unknown_name"),
    ("X", "unknown_name"),
    ("_", "unknown_name"),
]


@pytest.mark.parametrize("text, code", HOSTILE)
def test_hostile_input_is_rejected_quickly(text, code):
    err, seconds = rejects(text)
    assert err.code == code, (err.code, err.detail)
    assert seconds < 0.5


@pytest.mark.parametrize("text, variables, detail", [
    ("y", ("x",), "y"), ("x0 + x", ("x",), "x0"), ("x", ("x0", "x1"), "x"), ("x²", ("x",), "²"),
    ("print(x)", ("x",), "print"), ("sin", ("x",), "sin"), ("2x + 1", ("x",), "2x"),
    ("x < 1", ("x",), "x < 1"), ("[" + "x," * 40 + "]", ("x",), ("[" + "x," * 40)[:30]),
])
def test_detail_names_the_offending_text(text, variables, detail):
    assert rejects(text, variables)[0].detail == detail


@pytest.mark.parametrize("value", [None, 42, 1.5, b"x", ["x"]])
def test_non_string_input_is_empty(value):
    assert rejects(value)[0].code == "empty"


def test_long_number_within_the_limit_is_accepted():
    assert parse_expression("1" + "0" * 150)(0.0) == pytest.approx(1e150)


def test_every_code_has_a_translated_message():
    from ui.catalogue.expression import TEXT

    assert {code for _, code in HOSTILE} == set(CODES)
    assert set(TEXT) == {f"expr.{code}" for code in CODES} | {"expr.help"}
    values = {"detail": "D", "variables": "x0, x1", "max_length": 1, "max_depth": 2,
              "functions": "sin"}
    for key, entry in TEXT.items():
        assert set(entry) == {"en", "zh"}
        for text in entry.values():
            assert text.strip() and text.format(**values)


# ---------------------------------------------------------------- properties

PYTHONISH = st.text(alphabet=string.printable + "²π，\u3000", max_size=300)


@pytest.mark.filterwarnings("error")
@settings(max_examples=400)
@given(st.one_of(st.text(max_size=300), PYTHONISH))
def test_any_text_parses_or_raises_expression_error(text):
    try:
        f = parse_expression(text)
    except ExpressionError as err:
        assert err.code in CODES
        return
    assert isinstance(f, Expression)
    assert f(XS).shape == XS.shape


def _formula(variables):
    leaf = st.one_of(st.sampled_from(variables + ("pi", "e")),
                     st.floats(-1e6, 1e6, allow_nan=False).map(repr),
                     st.integers(0, 10 ** 6).map(str))
    functions = st.sampled_from(sorted(REFERENCE))

    def extend(inner):
        return st.one_of(
            st.tuples(inner, st.sampled_from(["+", "-", "*", "/", "**", "^"]), inner)
            .map(lambda t: f"({t[0]}{t[1]}{t[2]})"),
            st.tuples(st.sampled_from(["-", "+"]), inner).map(lambda t: f"{t[0]}{t[1]}"),
            st.tuples(functions, inner).map(lambda t: f"{t[0]}({t[1]})"),
        )

    return st.recursive(leaf, extend, max_leaves=8).filter(lambda s: len(s) <= MAX_LENGTH)


@pytest.mark.filterwarnings("error")
@settings(max_examples=300)
@given(_formula(("x",)), hnp.arrays(np.float64, hnp.array_shapes(max_dims=2, max_side=5)))
def test_valid_formulas_evaluate_without_error_or_warning(text, x):
    out = parse_expression(text)(x)
    assert out.dtype == np.float64 and out.shape == x.shape


@pytest.mark.filterwarnings("error")
@settings(max_examples=100)
@given(_formula(("x0", "x1")), st.integers(1, 4), st.integers(1, 4))
def test_valid_two_variable_formulas_broadcast(text, n, m):
    x0, x1 = np.linspace(-2, 2, n)[:, None], np.linspace(-1e3, 1e3, m)
    out = parse_expression(text, ("x0", "x1"))(x0, x1)
    assert out.dtype == np.float64 and out.shape == (n, m)
