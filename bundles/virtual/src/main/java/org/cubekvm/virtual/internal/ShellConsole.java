package org.cubekvm.virtual.internal;

/**
 * The text shell below the status line: boot messages, a prompt, echo of what is typed with
 * line editing (Backspace within the current input), Enter runs a tiny command set, and the
 * text scrolls when the screen is full. Draws into a {@link CellGrid}; not thread-safe
 * ({@link ScreenContent} guards it).
 */
final class ShellConsole implements KeyboardOutput {
    static final String USER = "user@cubekvm";
    static final int MAX_LINE = 1024;

    private static final int PROMPT_USER = Palette.attr(Palette.LIGHT_GREEN, Palette.BLACK);
    private static final int PROMPT_PATH = Palette.attr(Palette.LIGHT_BLUE, Palette.BLACK);

    private final TypedText typed = new TypedText();
    /** The current input line as code points (for Backspace and the commands). */
    private final int[] line = new int[MAX_LINE];
    private int lineLength;
    private CellGrid grid;
    private final int top;
    /** Runs the {@code video} command (the screen owns the picture). */
    private final Runnable video;
    private int column;
    private int row;

    ShellConsole(CellGrid grid, int top, Runnable video) {
        this.grid = grid;
        this.top = top;
        this.video = video;
        this.row = top;
    }

    String typedText() {
        return typed.toString();
    }

    /** Power-on: an empty screen and nothing typed yet. */
    void reset() {
        typed.clear();
        lineLength = 0;
        grid.clearRows(top, grid.rows, Palette.TEXT);
        column = 0;
        row = top;
    }

    void println(CharSequence text, int attr) {
        for (int i = 0; i < text.length(); i++) {
            put(text.charAt(i), attr);
        }
        newLine();
    }

    /**
     * A line from the machine itself (a medium inserted), printed like a kernel message above a
     * fresh prompt, with what was being typed shown again; the typed record is untouched.
     */
    void notice(CharSequence text, int attr) {
        hideCursor();
        if (column != 0) {
            newLine();
        }
        println(text, attr);
        int pending = lineLength;
        prompt();
        hideCursor();
        for (int i = 0; i < pending; i++) {
            if (line[i] != '\t') {
                put(line[i], Palette.TEXT);
            }
        }
        lineLength = pending;
        showCursor();
    }

    void prompt() {
        column = 0;
        for (int i = 0; i < USER.length(); i++) {
            put(USER.charAt(i), PROMPT_USER);
        }
        put(':', Palette.TEXT);
        put('~', PROMPT_PATH);
        put('$', Palette.TEXT);
        put(' ', Palette.TEXT);
        lineLength = 0;
        showCursor();
    }

    @Override
    public void type(int codePoint) {
        typed.append(codePoint);
        if (lineLength < MAX_LINE) {
            line[lineLength++] = codePoint;
        }
        put(codePoint, Palette.TEXT);
        showCursor();
    }

    @Override
    public void tab() {
        // Like a shell's completion key: recorded, but nothing to complete, so nothing echoes.
        typed.append('\t');
        if (lineLength < MAX_LINE) {
            line[lineLength++] = '\t';
        }
    }

    @Override
    public void backspace() {
        if (lineLength == 0) {
            return;
        }
        int removed = line[--lineLength];
        typed.removeLast();
        if (removed == '\t') {
            return;
        }
        hideCursor();
        if (--column < 0) {
            column = grid.columns - 1;
            row = Math.max(top, row - 1);
        }
        grid.put(column, row, ' ', Palette.TEXT);
        showCursor();
    }

    @Override
    public void enter() {
        typed.append('\n');
        hideCursor();
        newLine();
        run();
        prompt();
    }

    @Override
    public void interrupt() {
        hideCursor();
        put('^', Palette.TEXT);
        put('C', Palette.TEXT);
        newLine();
        prompt();
    }

    /** Keeps the last lines (and the cursor) when the screen size changes. */
    void moveTo(CellGrid resized) {
        CellGrid old = grid;
        int shift = Math.max(0, row - (resized.rows - 1));
        for (int r = top + shift; r < old.rows; r++) {
            for (int c = 0; c < Math.min(old.columns, resized.columns); c++) {
                resized.put(c, r - shift, old.charAt(c, r), old.attrAt(c, r));
            }
        }
        grid = resized;
        row -= shift;
        column = Math.min(column, resized.columns - 1);
        showCursor();
    }

    private void run() {
        int start = 0;
        while (start < lineLength && line[start] == ' ') {
            start++;
        }
        if (start == lineLength) {
            return;
        }
        if (is(start, "help")) {
            println("Commands: help, clear, echo <text>, uname, video. Everything you type is echoed;", Palette.TEXT);
            println("GET /api/virtual/state shows what was typed.", Palette.TEXT);
        } else if (is(start, "video")) {
            println("Playing a test video; press any key to stop it.", Palette.TEXT);
            video.run();
        } else if (is(start, "clear")) {
            grid.clearRows(top, grid.rows, Palette.TEXT);
            row = top;
            column = 0;
        } else if (is(start, "uname")) {
            println("CubeKVM virtual machine", Palette.TEXT);
        } else if (startsWith(start, "echo ")) {
            for (int i = start + 5; i < lineLength; i++) {
                put(line[i] == '\t' ? ' ' : line[i], Palette.TEXT);
            }
            newLine();
        } else {
            int end = start;
            while (end < lineLength && line[end] != ' ') {
                put(line[end] == '\t' ? ' ' : line[end], Palette.TEXT);
                end++;
            }
            println(": command not found", Palette.TEXT);
        }
    }

    private boolean is(int start, String command) {
        int end = lineLength;
        while (end > start && line[end - 1] == ' ') {
            end--;
        }
        return end - start == command.length() && startsWith(start, command);
    }

    private boolean startsWith(int start, String prefix) {
        if (lineLength - start < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (line[start + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void put(int codePoint, int attr) {
        grid.put(column, row, codePoint, attr);
        if (++column >= grid.columns) {
            newLine();
        }
    }

    private void newLine() {
        column = 0;
        if (++row >= grid.rows) {
            grid.scrollUp(top, grid.rows, Palette.TEXT);
            row = grid.rows - 1;
        }
    }

    private void showCursor() {
        grid.put(column, row, ' ', Palette.inverse(Palette.TEXT));
    }

    private void hideCursor() {
        grid.put(column, row, ' ', Palette.TEXT);
    }
}
