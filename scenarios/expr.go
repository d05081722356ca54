package scenarios

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/ec2sim/ec2sim/model"
	"github.com/ec2sim/ec2sim/sim"
)

// The expression language of checks and `when` conditions. It reads the
// world and the bill and can change neither: there are no assignments, no
// loops and no calls outside the fixed functions below.
//
//	expr    = or
//	or      = and { "or" and }
//	and     = not { "and" not }
//	not     = "not" not | compare
//	compare = sum [ ("==" | "!=" | "<" | "<=" | ">" | ">=") sum | "in" list ]
//	list    = "[" [ expr { "," expr } ] "]"
//	sum     = product { ("+" | "-") product }
//	product = unary { ("*" | "/") unary }
//	unary   = "-" unary | primary
//	primary = number | money | duration | string | "true" | "false"
//	        | name { "." field } | func "(" [ expr { "," expr } ] ")" | "(" expr ")"
//
// Literals: 3, 2.5 (numbers), $0.50 (money, exact to the micro-dollar), 90s,
// 30d, 1h30m (durations), "stopped" or 'stopped' (text). A list appears
// only after "in": web.state in ["stopped", "terminated"] is true when the
// value equals one of the items (of its own kind).

// Value is the result of an expression.
type Value struct {
	Kind  ValueKind
	Num   float64
	Money model.Money
	Dur   sim.Time
	Str   string
	Bool  bool
}

// ValueKind is the type of a value.
type ValueKind int

// Value kinds.
const (
	KNull ValueKind = iota
	KNum
	KMoney
	KDur
	KStr
	KBool
)

func (k ValueKind) String() string {
	return [...]string{"nothing", "a number", "money", "a duration", "text", "true/false"}[k]
}

func (v Value) String() string {
	switch v.Kind {
	case KNum:
		return strconv.FormatFloat(v.Num, 'f', -1, 64)
	case KMoney:
		return "$" + v.Money.String()
	case KDur:
		return v.Dur.Compact()
	case KStr:
		return strconv.Quote(v.Str)
	case KBool:
		return strconv.FormatBool(v.Bool)
	}
	return "nothing"
}

// ExprError is an error in an expression, at a byte offset of its text.
type ExprError struct {
	Off int
	Msg string
}

func (e *ExprError) Error() string { return e.Msg }

// Expr is a parsed expression.
type Expr struct {
	Src  string
	root node
}

type node interface{}

type (
	litNode struct {
		v   Value
		off int // where it starts in the source, for diagnostics
	}
	pathNode struct {
		off   int
		parts []string
	}
	callNode struct {
		off  int
		name string
		args []node
	}
	unNode struct {
		off int
		op  string
		x   node
	}
	binNode struct {
		off  int
		op   string
		x, y node
	}
	listNode struct {
		off   int
		items []node
	}
)

// MaxExprLen bounds an expression's text, so hostile files stay cheap.
const MaxExprLen = 2000

// ParseExpr parses an expression.
func ParseExpr(src string) (*Expr, error) {
	if len(src) > MaxExprLen {
		return nil, &ExprError{0, fmt.Sprintf("expression is %d characters; the limit is %d", len(src), MaxExprLen)}
	}
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &exprParser{toks: toks}
	n, err := p.expr(0)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, &ExprError{t.off, fmt.Sprintf("unexpected %q after a complete expression", t.text)}
	}
	return &Expr{Src: src, root: n}, nil
}

type tokKind int

const (
	tEOF tokKind = iota
	tNum
	tMoney
	tDur
	tStr
	tIdent
	tOp
)

type token struct {
	kind tokKind
	text string
	off  int
	v    Value
}

func lex(src string) ([]token, error) {
	var toks []token
	i := 0
	for i < len(src) {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '"' || c == '\'':
			j := i + 1
			for j < len(src) && src[j] != c {
				j++
			}
			if j >= len(src) {
				return nil, &ExprError{i, "text starting here has no closing quote"}
			}
			toks = append(toks, token{tStr, src[i : j+1], i, Value{Kind: KStr, Str: src[i+1 : j]}})
			i = j + 1
		case c == '$':
			j := i + 1
			for j < len(src) && (isDigit(src[j]) || src[j] == '.') {
				j++
			}
			m, err := model.ParseMoney(src[i+1 : j])
			if err != nil {
				return nil, &ExprError{i, fmt.Sprintf("%q is not an amount of money (write $0.50)", src[i:j])}
			}
			toks = append(toks, token{tMoney, src[i:j], i, Value{Kind: KMoney, Money: m}})
			i = j
		case isDigit(c):
			j := i
			for j < len(src) && (isDigit(src[j]) || src[j] == '.') {
				j++
			}
			k := j
			for k < len(src) && (unicode.IsLetter(rune(src[k])) || isDigit(src[k])) {
				k++
			}
			if k > j { // a duration: 90s, 30d, 1h30m
				d, err := sim.ParseTime(src[i:k])
				if err != nil {
					return nil, &ExprError{i, fmt.Sprintf("%q is not a duration (write 90s, 5m, 2h, 30d)", src[i:k])}
				}
				toks = append(toks, token{tDur, src[i:k], i, Value{Kind: KDur, Dur: d}})
				i = k
				continue
			}
			f, err := strconv.ParseFloat(src[i:j], 64)
			if err != nil {
				return nil, &ExprError{i, fmt.Sprintf("%q is not a number", src[i:j])}
			}
			toks = append(toks, token{tNum, src[i:j], i, Value{Kind: KNum, Num: f}})
			i = j
		case unicode.IsLetter(rune(c)) || c == '_':
			j := i
			for j < len(src) && (unicode.IsLetter(rune(src[j])) || isDigit(src[j]) || src[j] == '_' || src[j] == '-') {
				j++
			}
			toks = append(toks, token{tIdent, src[i:j], i, Value{}})
			i = j
		default:
			two := ""
			if i+1 < len(src) {
				two = src[i : i+2]
			}
			switch {
			case two == "==" || two == "!=" || two == "<=" || two == ">=":
				toks = append(toks, token{tOp, two, i, Value{}})
				i += 2
			case strings.ContainsRune("<>+-*/().,[]", rune(c)):
				toks = append(toks, token{tOp, string(c), i, Value{}})
				i++
			case c == '=':
				return nil, &ExprError{i, "use == to compare (= alone is not an operator)"}
			case c == '&' || c == '|' || c == '!':
				return nil, &ExprError{i, fmt.Sprintf("%q: write and, or, not", string(c))}
			default:
				return nil, &ExprError{i, fmt.Sprintf("unexpected character %q", string(c))}
			}
		}
	}
	return append(toks, token{tEOF, "end of expression", len(src), Value{}}), nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

type exprParser struct {
	toks  []token
	pos   int
	depth int
}

func (p *exprParser) peek() token { return p.toks[p.pos] }
func (p *exprParser) next() token { t := p.toks[p.pos]; p.pos++; return t }

func (p *exprParser) isOp(s string) bool {
	t := p.peek()
	return (t.kind == tOp || t.kind == tIdent) && t.text == s
}

var precedence = [][]string{{"or"}, {"and"}, {"not"}, {"==", "!=", "<", "<=", ">", ">="}, {"+", "-"}, {"*", "/"}}

const maxDepth = 50

func (p *exprParser) expr(level int) (node, error) {
	switch {
	case level == 2: // not
		if p.isOp("not") {
			p.depth++
			defer func() { p.depth-- }()
			if p.depth > maxDepth {
				return nil, &ExprError{p.peek().off, "expression nests too deeply"}
			}
			t := p.next()
			x, err := p.expr(2)
			return unNode{t.off, "not", x}, err
		}
		return p.expr(3)
	case level == 3: // one comparison, not chained
		x, err := p.expr(4)
		if err != nil {
			return nil, err
		}
		for _, op := range precedence[3] {
			if p.isOp(op) {
				t := p.next()
				y, err := p.expr(4)
				if err != nil {
					return nil, err
				}
				for _, op2 := range precedence[3] {
					if p.isOp(op2) {
						return nil, &ExprError{p.peek().off, "comparisons do not chain: write a < b and b < c"}
					}
				}
				return binNode{t.off, op, x, y}, nil
			}
		}
		if p.isOp(opIn) {
			t := p.next()
			l, err := p.list()
			if err != nil {
				return nil, err
			}
			return binNode{t.off, opIn, x, l}, nil
		}
		return x, nil
	case level >= len(precedence):
		return p.unary()
	}
	x, err := p.expr(level + 1)
	if err != nil {
		return nil, err
	}
	for {
		matched := false
		for _, op := range precedence[level] {
			if p.isOp(op) {
				t := p.next()
				y, err := p.expr(level + 1)
				if err != nil {
					return nil, err
				}
				x, matched = binNode{t.off, op, x, y}, true
				break
			}
		}
		if !matched {
			return x, nil
		}
	}
}

func (p *exprParser) unary() (node, error) {
	if p.isOp("-") || p.isOp("(") || p.isOp("not") {
		p.depth++
		defer func() { p.depth-- }()
		if p.depth > maxDepth {
			return nil, &ExprError{p.peek().off, "expression nests too deeply"}
		}
	}
	if p.isOp("-") {
		t := p.next()
		x, err := p.unary()
		return unNode{t.off, "-", x}, err
	}
	t := p.next()
	switch t.kind {
	case tNum, tMoney, tDur, tStr:
		return litNode{t.v, t.off}, nil
	case tIdent:
		switch t.text {
		case "true", "false":
			return litNode{Value{Kind: KBool, Bool: t.text == "true"}, t.off}, nil
		case "and", "or", "not":
			return nil, &ExprError{t.off, fmt.Sprintf("%q needs a value before it", t.text)}
		}
		if p.isOp("(") {
			p.next()
			call := callNode{off: t.off, name: t.text}
			if _, ok := functions[t.text]; !ok {
				return nil, &ExprError{t.off, fmt.Sprintf("unknown function %s%s", t.text, hintFrom(t.text, functionNames()))}
			}
			for !p.isOp(")") {
				a, err := p.expr(0)
				if err != nil {
					return nil, err
				}
				call.args = append(call.args, a)
				if !p.isOp(",") {
					break
				}
				p.next()
			}
			if !p.isOp(")") {
				return nil, &ExprError{p.peek().off, fmt.Sprintf("%s( is missing its )", t.text)}
			}
			p.next()
			return call, nil
		}
		path := pathNode{off: t.off, parts: []string{t.text}}
		for p.isOp(".") {
			p.next()
			f := p.next()
			if f.kind != tIdent {
				return nil, &ExprError{f.off, "a field name must follow ."}
			}
			path.parts = append(path.parts, f.text)
		}
		return path, nil
	case tOp:
		if t.text == "(" {
			x, err := p.expr(0)
			if err != nil {
				return nil, err
			}
			if !p.isOp(")") {
				return nil, &ExprError{p.peek().off, "missing )"}
			}
			p.next()
			return x, nil
		}
	}
	return nil, &ExprError{t.off, fmt.Sprintf("expected a value, found %q", t.text)}
}

// opIn is membership in a list: x in [a, b].
const opIn = "in"

// MaxListItems bounds a list literal, so hostile files stay cheap.
const MaxListItems = 100

// list reads a list literal, the right side of "in".
func (p *exprParser) list() (node, error) {
	t := p.next()
	if t.kind != tOp || t.text != "[" {
		return nil, &ExprError{t.off, "in needs a list in brackets: x in [\"a\", \"b\"]"}
	}
	l := listNode{off: t.off}
	for !p.isOp("]") {
		x, err := p.expr(4)
		if err != nil {
			return nil, err
		}
		if l.items = append(l.items, x); len(l.items) > MaxListItems {
			return nil, &ExprError{t.off, fmt.Sprintf("a list holds at most %d items", MaxListItems)}
		}
		if !p.isOp(",") {
			break
		}
		p.next()
	}
	if !p.isOp("]") {
		return nil, &ExprError{p.peek().off, "the list is missing its ]"}
	}
	p.next()
	return l, nil
}

func hintFrom(got string, known []string) string {
	if s := model.Suggest(got, known); s != "" {
		return fmt.Sprintf("; did you mean %s?", s)
	}
	return ""
}
