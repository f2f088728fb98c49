package org.bandura.launcher;

/** {@code java -jar bandura.jar}: starts whatever the configuration asks for, the console when nothing else. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int status = new Launcher(System.getenv(), System.in, System.out, System.err).run();
        if (status != 0) {
            System.exit(status);
        }
    }
}
