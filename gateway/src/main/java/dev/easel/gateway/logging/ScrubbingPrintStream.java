package dev.easel.gateway.logging;

import dev.easel.adapter.http.Secrets;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * Standard error and output with every registered secret masked ({@link Secrets}): stack
 * traces and whatever a library prints end up here, so one wrapper covers text no call site
 * scrubbed. Logback writes bytes, which bypass this class: {@link ScrubbingEncoder} masks those.
 *
 * <p>Text arrives through {@code print(String)}: {@code println} and {@code printStackTrace}
 * call it for subclasses of {@link PrintStream}, so a secret is never split between writes.
 */
public final class ScrubbingPrintStream extends PrintStream {

    private ScrubbingPrintStream(PrintStream target, Charset charset) {
        super(target, true, charset);
    }

    /** Wraps {@code System.err} and {@code System.out} once; later calls change nothing. */
    public static synchronized void install() {
        if (!(System.err instanceof ScrubbingPrintStream)) {
            System.setErr(new ScrubbingPrintStream(System.err, Charset.defaultCharset()));
        }
        if (!(System.out instanceof ScrubbingPrintStream)) {
            System.setOut(new ScrubbingPrintStream(System.out, Charset.defaultCharset()));
        }
    }

    @Override
    public void print(String s) {
        super.print(Secrets.scrub(s));
    }

    @Override
    public void print(Object obj) {
        print(String.valueOf(obj));
    }

    @Override
    public void print(char[] s) {
        print(new String(s));
    }

    @Override
    public void println(char[] x) {
        println(new String(x));
    }

    @Override
    public PrintStream append(CharSequence csq) {
        print(String.valueOf(csq));
        return this;
    }

    @Override
    public PrintStream append(CharSequence csq, int start, int end) {
        print(String.valueOf(csq == null ? "null" : csq.subSequence(start, end)));
        return this;
    }
}
