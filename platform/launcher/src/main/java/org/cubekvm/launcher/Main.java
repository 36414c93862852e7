package org.cubekvm.launcher;

import java.nio.file.Path;
import java.util.Arrays;

/** Entry point of the platform process: {@code java -cp lib/* org.cubekvm.launcher.Main [options]}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        LaunchOptions options;
        try {
            String home = System.getProperty("cubekvm.home", ".");
            options = LaunchOptions.parse(Arrays.asList(args), Path.of(home).toAbsolutePath().normalize());
        } catch (IllegalArgumentException e) {
            System.err.println("cubekvm: " + e.getMessage());
            System.exit(2);
            return;
        }
        JulConfig.apply();
        int status;
        try {
            status = new Launcher(options).run();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger("cubekvm.launcher").error("start failed: {}", OneLine.of(e));
            status = 1;
        }
        System.exit(status);
    }
}
