"""Messages for rejected expressions."""
TEXT = {
    "expr.empty": {
        "en": "The formula is empty. Type a function of {variables} using numbers, + - * / ** "
              "and functions such as sin(…).",
        "zh": "公式是空的。请输入一个关于 {variables} 的函数，可以用数字、+ - * / ** 和 sin(…) 等函数。",
    },
    "expr.too_long": {
        "en": "The formula is too long. Keep it to {max_length} characters or fewer.",
        "zh": "公式太长了，请控制在 {max_length} 个字符以内。",
    },
    "expr.non_ascii": {
        "en": "“{detail}” is not a plain keyboard character. Type x**2 instead of x², "
              "pi instead of π, and switch off full-width input.",
        "zh": "“{detail}”不是半角键盘字符。请把 x² 写成 x**2，把 π 写成 pi，并关闭全角输入。",
    },
    "expr.syntax": {
        "en": "The formula could not be read. Check for a missing * (write 2*x, not 2x), "
              "unmatched parentheses, or an operator with nothing after it.",
        "zh": "无法识别这个公式。请检查是否漏了乘号（写 2*x，不要写 2x）、括号是否成对、"
              "运算符后面是否缺了内容。",
    },
    "expr.too_deep": {
        "en": "The formula is nested too deeply (more than {max_depth} levels). Please simplify it.",
        "zh": "公式嵌套太深（超过 {max_depth} 层），请简化一下。",
    },
    "expr.not_allowed": {
        "en": "“{detail}” is not allowed here. A formula may only use numbers, {variables}, "
              "pi, e, + - * / ** and the listed functions.",
        "zh": "公式里不能使用“{detail}”。只能使用数字、{variables}、pi、e、+ - * / ** "
              "和列出的函数。",
    },
    "expr.unknown_name": {
        "en": "Unknown name “{detail}”. Use {variables}, pi, e and the listed functions.",
        "zh": "不认识的名称“{detail}”。请使用 {variables}、pi、e 和列出的函数。",
    },
    "expr.bad_call": {
        "en": "“{detail}” cannot be used like that. Give a listed function exactly one argument "
              "in parentheses, like sin(x), and write multiplication with *, like x*(x + 1).",
        "zh": "“{detail}”不能这样使用。列出的函数要在括号里放正好一个参数，如 sin(x)；"
              "乘法要写出 *，如 x*(x + 1)。",
    },
    "expr.bad_number": {
        "en": "The number “{detail}” is too large. Use numbers smaller than 1e300 in size.",
        "zh": "数字“{detail}”太大了，请使用绝对值小于 1e300 的数。",
    },
    "expr.help": {
        "en": "Write a function of {variables} using numbers, + - * /, ** (or ^) for powers, "
              "parentheses, the constants pi and e, and these functions: {functions}. "
              "Write every multiplication with *, e.g. 2*x rather than 2x.",
        "zh": "请写一个关于 {variables} 的函数：可以使用数字、+ - * /、表示乘方的 **（或 ^）、括号、"
              "常数 pi 和 e，以及这些函数：{functions}。乘法必须写出 *，例如写 2*x，不要写 2x。",
    },
}
