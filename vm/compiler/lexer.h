/* lexer.h: Python source text to tokens, one at a time.
 *
 * parser.c pulls tokens with lexer_next; the lexer turns indentation into INDENT/DEDENT tokens, drops
 * comments, blank lines and newlines inside brackets, joins backslash-continued lines, and decodes string
 * and number literals. Decoded strings live in the parser's Arena (ast.h). The first error of any phase
 * (lexer, parser, compiler) is kept in a SourceError; later ones are ignored, so one mistake gives one
 * message.
 */
#ifndef cpvm_lexer_h
#define cpvm_lexer_h

#include "compiler/ast.h"

/* The first error found in a source file, with its 1-based line and byte column. */
typedef struct {
    bool set;
    uint32_t line, col;
    char message[256];
} SourceError;

/* Records an error unless one is already recorded; returns false so callers can `return source_error(...)`. */
bool source_error(SourceError *error, uint32_t line, uint32_t col, const char *format, ...)
    __attribute__((format(printf, 4, 5)));

/* Every token kind with the text error messages use for it. Keywords follow NAME so that
 * TOK_FALSE..TOK_YIELD can be found by a lookup of the name's text. */
#define CPVM_TOKENS(X)                                                                                    \
    X(EOF, "end of file") X(NEWLINE, "newline") X(INDENT, "indent") X(DEDENT, "unindent")                 \
    X(NAME, "name") X(INT, "integer") X(FLOAT, "float") X(STRING, "string")                                \
    X(LPAREN, "'('") X(RPAREN, "')'") X(LBRACKET, "'['") X(RBRACKET, "']'") X(LBRACE, "'{'")              \
    X(RBRACE, "'}'") X(COMMA, "','") X(COLON, "':'") X(SEMICOLON, "';'") X(DOT, "'.'")                    \
    X(ELLIPSIS, "'...'") X(ARROW, "'->'") X(WALRUS, "':='") X(ASSIGN, "'='") X(PLUS, "'+'")               \
    X(MINUS, "'-'") X(STAR, "'*'") X(SLASH, "'/'") X(DSLASH, "'//'") X(PERCENT, "'%'")                    \
    X(DSTAR, "'**'") X(AT, "'@'") X(AMPER, "'&'") X(VBAR, "'|'") X(CIRCUMFLEX, "'^'") X(TILDE, "'~'")     \
    X(LSHIFT, "'<<'") X(RSHIFT, "'>>'") X(LT, "'<'") X(GT, "'>'") X(LE, "'<='") X(GE, "'>='")             \
    X(EQ, "'=='") X(NE, "'!='") X(PLUS_EQ, "'+='") X(MINUS_EQ, "'-='") X(STAR_EQ, "'*='")                 \
    X(SLASH_EQ, "'/='") X(DSLASH_EQ, "'//='") X(PERCENT_EQ, "'%='") X(DSTAR_EQ, "'**='")                  \
    X(AMPER_EQ, "'&='") X(VBAR_EQ, "'|='") X(CIRCUMFLEX_EQ, "'^='") X(LSHIFT_EQ, "'<<='")                 \
    X(RSHIFT_EQ, "'>>='") X(AT_EQ, "'@='") X(BANG, "'!'")                                                 \
    X(FALSE, "'False'") X(NONE, "'None'") X(TRUE, "'True'") X(AND, "'and'") X(AS, "'as'")                 \
    X(ASSERT, "'assert'") X(ASYNC, "'async'") X(AWAIT, "'await'") X(BREAK, "'break'")                     \
    X(CLASS, "'class'") X(CONTINUE, "'continue'") X(DEF, "'def'") X(DEL, "'del'") X(ELIF, "'elif'")       \
    X(ELSE, "'else'") X(EXCEPT, "'except'") X(FINALLY, "'finally'") X(FOR, "'for'") X(FROM, "'from'")     \
    X(GLOBAL, "'global'") X(IF, "'if'") X(IMPORT, "'import'") X(IN, "'in'") X(IS, "'is'")                 \
    X(LAMBDA, "'lambda'") X(NONLOCAL, "'nonlocal'") X(NOT, "'not'") X(OR, "'or'") X(PASS, "'pass'")       \
    X(RAISE, "'raise'") X(RETURN, "'return'") X(TRY, "'try'") X(WHILE, "'while'") X(WITH, "'with'")       \
    X(YIELD, "'yield'")

typedef enum {
#define CPVM_TOKEN_ENUM(name, text) TOK_##name,
    CPVM_TOKENS(CPVM_TOKEN_ENUM)
#undef CPVM_TOKEN_ENUM
    TOK_COUNT_
} TokenKind;

extern const char *const token_names[TOK_COUNT_];

typedef struct {
    TokenKind kind;
    const char *start; /* the token's source text (for NAME: the identifier) */
    uint32_t length;
    uint32_t line, col; /* 1-based; col counts bytes */
    /* Literal values. An INT too big for int64 sets int_overflow and keeps the low 64 bits in u, so the
     * parser can still accept -9223372036854775808. */
    uint64_t u;
    bool int_overflow;
    double f;
    const char *str; /* decoded STRING contents, NUL-ended, in the arena; may contain NULs */
    uint32_t str_length;
    /* A STRING's prefix: b'' (str holds bytes), f'' (str holds the body undecoded, for the parser to
     * split into text and fields: parse_fstring.c), r''. */
    bool is_bytes, is_fstring, is_raw;
} Token;

/* Limits that keep pathological input from overflowing the C stack; CPython's tokenizer has the same two
 * (MAXLEVEL 200 for brackets, MAXINDENT 100 for indentation). As in CPython, the indentation stack holds at
 * most CPVM_MAX_INDENT entries counting the unindented top level, so the 100th nested block is an error. */
#define CPVM_MAX_PAREN_DEPTH 200
#define CPVM_MAX_INDENT 100

typedef struct {
    const char *source, *end;
    const char *p;          /* next byte to read */
    const char *line_start; /* first byte of the physical line of p */
    uint32_t line;
    bool at_line_start;  /* the next token begins a logical line: measure its indentation */
    bool line_has_token; /* a token was produced since the last NEWLINE */
    int pending_dedents;
    int indent_count;
    int indents[CPVM_MAX_INDENT + 1];
    int alt_indents[CPVM_MAX_INDENT + 1]; /* the same widths with tabs of size 1 (CPython's altindstack) */
    const char *nul;      /* the first NUL byte of the source, or NULL */
    const char *nul_line; /* the start of its physical line, where lexer_init ends the source */
    int paren_depth;
    Token parens[CPVM_MAX_PAREN_DEPTH]; /* open brackets, for "'(' was never closed" */
    Arena *arena;
    SourceError *error;
    const char *body_start; /* the string literal being read starts its contents here */
} Lexer;

void lexer_init(Lexer *lexer, const char *source, size_t length, Arena *arena, SourceError *error);
/* Decodes the escapes of the text [lx] was made over (lexer_init) as the contents of a string literal
 * ([raw]: keeping backslashes) into the arena: an f-string's literal parts. False with the error set. */
bool lexer_decode_literal(Lexer *lx, bool raw, const char **out, uint32_t *out_length);
/* Produces the next token. After an error (recorded in lexer->error) it returns TOK_EOF forever. */
void lexer_next(Lexer *lexer, Token *token);

#endif
