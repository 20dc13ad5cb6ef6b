/*
 * The slice of ncursesw that crfview's Terminal module uses.
 *
 * SwiftPM drops pkg-config's -D_XOPEN_SOURCE flags, and without wide-character support
 * curses.h hides cchar_t, setcchar and mvadd_wch, so the defines come first. Macros Swift
 * cannot import (KEY_F(n), attribute and mouse masks) and C globals (stdscr, COLORS,
 * COLOR_PAIRS), which Swift 6 rejects as shared mutable state, are wrapped in functions.
 */
#ifndef CRFVIEW_CNCURSES_SHIM_H
#define CRFVIEW_CNCURSES_SHIM_H

#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

static inline WINDOW *crf_stdscr(void) { return stdscr; }
static inline FILE *crf_stdout(void) { return stdout; }
static inline FILE *crf_stdin(void) { return stdin; }
static inline int crf_color_pairs(void) { return COLOR_PAIRS; }
static inline int crf_rows(void) { return getmaxy(stdscr); }
static inline int crf_columns(void) { return getmaxx(stdscr); }
static inline int crf_key_f(int n) { return KEY_F(n); }

/* The locale's character encoding, e.g. "UTF-8" or "ANSI_X3.4-1968". */
static inline const char *crf_codeset(void) { return nl_langinfo(CODESET); }

/*
 * Loads a terminfo entry without starting curses, so the backend can read its
 * capabilities (tigetnum, tigetflag, crf_terminfo_string) before choosing it for newterm.
 * Returns 0 when the entry does not exist. Pair with crf_unload_terminfo.
 */
static inline int crf_load_terminfo(const char *name) {
    int error = 0;
    return setupterm(name, 1, &error) == OK;
}

static inline void crf_unload_terminfo(void) { del_curterm(cur_term); }

/* A string capability of the loaded entry, or NULL when it has none. */
static inline const char *crf_terminfo_string(const char *name) {
    char *value = tigetstr(name);
    return value == (char *)-1 ? NULL : value;
}

/* Attribute bits, numbered as Viewer's CellAttributes: 1 bold, 2 reverse, 4 underline, 8 dim. */
static inline attr_t crf_attributes(unsigned flags) {
    attr_t attributes = A_NORMAL;
    if (flags & 1) attributes |= A_BOLD;
    if (flags & 2) attributes |= A_REVERSE;
    if (flags & 4) attributes |= A_UNDERLINE;
    if (flags & 8) attributes |= A_DIM;
    return attributes;
}

/*
 * Writes one cell. The pair goes through setcchar's `opts` pointer (an ncurses 6.1
 * extension) because the short `color_pair` argument and COLOR_PAIR() stop at 255/32767.
 */
static inline void crf_put_cell(int y, int x, const wchar_t *glyph, attr_t attributes, int pair) {
    cchar_t cell;
    setcchar(&cell, glyph, attributes, 0, &pair);
    mvwadd_wch(stdscr, y, x, &cell);
}

/* Presses of the three buttons and the wheel, reported without click synthesis. */
static inline mmask_t crf_mouse_mask(void) {
    return BUTTON1_PRESSED | BUTTON2_PRESSED | BUTTON3_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED;
}

/* 1 left, 2 middle, 3 right, 4 wheel up, 5 wheel down, 0 anything else. */
static inline int crf_mouse_button(mmask_t state) {
    if (state & BUTTON1_PRESSED) return 1;
    if (state & BUTTON2_PRESSED) return 2;
    if (state & BUTTON3_PRESSED) return 3;
    if (state & BUTTON4_PRESSED) return 4;
    if (state & BUTTON5_PRESSED) return 5;
    return 0;
}

#endif
