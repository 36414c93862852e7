package org.cubekvm.virtual.internal;

import java.nio.ByteBuffer;
import org.cubekvm.api.font.BitmapFont;
import org.cubekvm.api.hid.KeyboardLeds;

/**
 * What the virtual machine shows: the status line, the shell and the pointer, kept as a
 * character grid with dirty cells. Keyboard, mouse, power and the renderer all go through this
 * monitor; each call is short (a few cells), painting a frame touches only the dirty cells.
 */
final class ScreenContent implements KeyboardOutput {
    private static final int STATUS_ROW = 0;
    private static final int SHELL_TOP = 1;

    private CellGrid grid;
    private final StatusLine status;
    private final ShellConsole shell;
    private PointerPosition pointer;
    private int width;
    private int height;
    private String layout = "en-US";
    private KeyboardLeds leds = KeyboardLeds.OFF;
    private int buttons;
    private long frameCounter;
    private int secondOfDay = -1;
    private boolean on;
    /** The inserted medium as the status line shows it, or null. */
    private String media;
    /** The console's {@code video} command: made on its first use, so an idle machine holds none. */
    private VideoPattern video;
    private boolean playing;
    private long videoFrame;
    private long videoTicks;
    /** Counts video frames drawn since power-on; with the grid's changes it tells the renderer what moved. */
    private long videoChanges;

    ScreenContent(int width, int height) {
        this.width = width;
        this.height = height;
        this.grid = new CellGrid(width / BitmapFont.WIDTH, height / BitmapFont.HEIGHT);
        this.status = new StatusLine(grid);
        this.shell = new ShellConsole(grid, SHELL_TOP, this::startVideo);
        this.pointer = new PointerPosition(width, height);
    }

    /** Power-on: the banner, fake BIOS lines, then the prompt. */
    synchronized void boot() {
        stopVideo();
        on = true;
        buttons = 0;
        leds = KeyboardLeds.OFF;
        shell.reset();
        drawStatus();
        int bright = Palette.attr(Palette.WHITE, Palette.BLACK);
        int dim = Palette.TEXT;
        int ok = Palette.attr(Palette.LIGHT_GREEN, Palette.BLACK);
        shell.println("CubeKVM virtual machine", bright);
        shell.println("CubeKVM BIOS 1.0 (virtual) - press DEL to do nothing", dim);
        shell.println("CPU: CubeKVM virtual core @ 1.00 GHz", dim);
        shell.println("Memory test: 262144K OK", ok);
        shell.println("USB: boot keyboard, mouse, absolute mouse", dim);
        shell.println("Display: " + width + "x" + height + " @ 60 Hz", dim);
        shell.println("Booting CubeKVM shell...", dim);
        shell.println("", dim);
        shell.println("Welcome. Whatever you type is echoed here; try 'help'.", bright);
        shell.prompt();
        pointer.center();
        grid.markPixels(pointer.x(), pointer.y(), PointerSprite.WIDTH, PointerSprite.HEIGHT);
    }

    /** Power-off: a black screen saying "no signal", like a monitor whose source went dark. */
    synchronized void powerOff() {
        stopVideo();
        on = false;
        grid.clearRows(0, grid.rows, Palette.TEXT);
        String message = "no signal";
        grid.text((grid.columns - message.length()) / 2, grid.rows / 2, message, Palette.attr(Palette.DARK_GRAY, Palette.BLACK));
    }

    synchronized boolean isOn() {
        return on;
    }

    /** New screen size: a new grid (all dirty), the content kept where it fits. */
    synchronized void resize(int newWidth, int newHeight) {
        CellGrid resized = new CellGrid(newWidth / BitmapFont.WIDTH, newHeight / BitmapFont.HEIGHT);
        shell.moveTo(resized);
        grid = resized;
        status.moveTo(resized);
        pointer.resize(newWidth, newHeight);
        width = newWidth;
        height = newHeight;
        if (on) {
            drawStatus();
        } else {
            powerOff();
        }
    }

    /** One render tick: the clock, the frame counter when animating, and every other tick a video frame. */
    synchronized void tick(int secondOfDay, boolean animate) {
        if (animate) {
            frameCounter++;
        }
        if (!on) {
            return;
        }
        if (playing && (videoTicks++ & 1) == 0) {
            videoFrame++;
            videoChanges++;
        }
        if (animate) {
            status.frame(frameCounter);
        }
        if (secondOfDay != this.secondOfDay) {
            this.secondOfDay = secondOfDay;
            status.clock(secondOfDay);
        }
    }

    synchronized void leds(KeyboardLeds leds) {
        this.leds = leds;
        if (on) {
            status.leds(leds);
        }
    }

    synchronized void layout(String layout) {
        this.layout = layout;
        if (on) {
            status.layout(resolutionText(), layout);
        }
    }

    synchronized void pointerAbsolute(int buttons, int x, int y) {
        int oldX = pointer.x();
        int oldY = pointer.y();
        pointer.absolute(x, y);
        pointerMoved(oldX, oldY, buttons);
    }

    synchronized void pointerRelative(int buttons, int dx, int dy) {
        int oldX = pointer.x();
        int oldY = pointer.y();
        pointer.relative(dx, dy);
        pointerMoved(oldX, oldY, buttons);
    }

    synchronized double pointerX() {
        return pointer.fractionX();
    }

    synchronized double pointerY() {
        return pointer.fractionY();
    }

    synchronized int pointerPixelX() {
        return pointer.x();
    }

    synchronized int pointerPixelY() {
        return pointer.y();
    }

    synchronized int buttons() {
        return buttons;
    }

    synchronized String typedText() {
        return shell.typedText();
    }

    synchronized int columns() {
        return grid.columns;
    }

    synchronized int rows() {
        return grid.rows;
    }

    /** The character shown in a cell (for tests and diagnostics). */
    synchronized int charAt(int column, int row) {
        return grid.charAt(column, row);
    }

    /** The text of a row, trailing blanks removed (for tests and diagnostics). */
    synchronized String rowText(int row) {
        StringBuilder text = new StringBuilder();
        for (int column = 0; column < grid.columns; column++) {
            text.appendCodePoint(grid.charAt(column, row));
        }
        return text.toString().stripTrailing();
    }

    /** Grows with every visible change; equal values mean identical pictures. */
    synchronized long changes() {
        return grid.changes() + videoChanges;
    }

    /**
     * Paints the cells {@code buffer} has not seen yet; while the video plays, the video below the
     * status line with the pointer on top. The caller holds this monitor for the whole frame.
     */
    void paint(ByteBuffer pixels, int stride, int buffer) {
        boolean pointerVisible = on;
        int x = pointer.x();
        int y = pointer.y();
        int firstVideoCell = playing ? SHELL_TOP * grid.columns : Integer.MAX_VALUE;
        for (int cell = grid.takeDirty(buffer, 0); cell >= 0; cell = grid.takeDirty(buffer, cell + 1)) {
            if (cell < firstVideoCell) {
                CellPainter.paint(pixels, stride, grid, cell, x, y, pointerVisible);
            }
        }
        if (playing) {
            video.paint(pixels, stride, width, SHELL_TOP * BitmapFont.HEIGHT, height, videoFrame);
            PointerSprite.paint(pixels, stride, x, y, SHELL_TOP * BitmapFont.HEIGHT, height, width);
        }
    }

    /** Whether the console's {@code video} command is playing. */
    synchronized boolean videoPlaying() {
        return playing;
    }

    /** The console's {@code video} command: the moving test picture below the status line until a key is pressed. */
    private void startVideo() {
        if (video == null) {
            video = new VideoPattern();
        }
        playing = true;
        videoChanges++;
    }

    /** Ends the video; the text it covered is painted again. */
    private void stopVideo() {
        if (playing) {
            playing = false;
            grid.markAllDirty();
        }
    }

    @Override
    public synchronized void type(int codePoint) {
        if (playing) {
            stopVideo(); // like a player's "press any key": the key only stops it
        } else if (on) {
            shell.type(codePoint);
        }
    }

    @Override
    public synchronized void enter() {
        if (playing) {
            stopVideo(); // like a player's "press any key": the key only stops it
        } else if (on) {
            shell.enter();
        }
    }

    @Override
    public synchronized void backspace() {
        if (playing) {
            stopVideo(); // like a player's "press any key": the key only stops it
        } else if (on) {
            shell.backspace();
        }
    }

    @Override
    public synchronized void tab() {
        if (playing) {
            stopVideo(); // like a player's "press any key": the key only stops it
        } else if (on) {
            shell.tab();
        }
    }

    @Override
    public synchronized void interrupt() {
        if (playing) {
            stopVideo(); // like a player's "press any key": the key only stops it
        } else if (on) {
            shell.interrupt();
        }
    }

    private void pointerMoved(int oldX, int oldY, int newButtons) {
        if (pointer.x() != oldX || pointer.y() != oldY) {
            grid.markPixels(oldX, oldY, PointerSprite.WIDTH, PointerSprite.HEIGHT);
            grid.markPixels(pointer.x(), pointer.y(), PointerSprite.WIDTH, PointerSprite.HEIGHT);
        }
        if (newButtons != buttons) {
            buttons = newButtons;
            if (on) {
                status.buttons(buttons);
            }
        }
    }

    /**
     * A medium was inserted ({@code shown} non-null) or ejected: the status line shows it, and
     * the shell logs {@code notice} as a kernel would.
     */
    synchronized void media(String shown, String notice) {
        media = shown;
        if (on) {
            status.media(media);
            shell.notice(notice, Palette.attr(Palette.LIGHT_GREEN, Palette.BLACK));
        }
    }

    private void drawStatus() {
        status.draw(resolutionText(), layout);
        status.media(media);
        status.leds(leds);
        status.buttons(buttons);
        status.frame(frameCounter);
        if (secondOfDay >= 0) {
            status.clock(secondOfDay);
        }
    }

    private String resolutionText() {
        return width + "x" + height;
    }
}
