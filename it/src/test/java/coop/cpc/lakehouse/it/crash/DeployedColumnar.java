package coop.cpc.lakehouse.it.crash;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads segment files with the columnar library the deployed EAR carries (lib/lakehouse-columnar.jar),
 * i.e. the very reader of the server, through {@code WebmColumnar.read(path).project(column).columns()}.
 * Module it does not depend on lakehouse-columnar, hence the class loader and reflection.
 */
final class DeployedColumnar implements AutoCloseable {
    private static final String JAR = "lib/lakehouse-columnar.jar";

    private final URLClassLoader loader;
    private final Method read;

    private DeployedColumnar(URLClassLoader loader) throws ReflectiveOperationException {
        this.loader = loader;
        this.read = loader.loadClass("coop.cpc.lakehouse.columnar.WebmColumnar").getMethod("read", Path.class);
    }

    /** Extracts the library from {@code ear} into {@code workDirectory}. */
    static DeployedColumnar of(Path ear, Path workDirectory) throws IOException, ReflectiveOperationException {
        Files.createDirectories(workDirectory);
        Path jar = workDirectory.resolve("lakehouse-columnar.jar");
        try (ZipFile zip = new ZipFile(ear.toFile())) {
            ZipEntry entry = zip.getEntry(JAR);
            if (entry == null) {
                throw new IOException(ear + " has no " + JAR);
            }
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        // Its dependencies (Jackson) come from the test class path.
        return new DeployedColumnar(new URLClassLoader(new URL[] {jar.toUri().toURL()}, DeployedColumnar.class.getClassLoader()));
    }

    /** Every value of one column of a segment file, in row order. */
    Object[] column(Path segment, String column) throws IOException, ReflectiveOperationException {
        try {
            Object builder = read.invoke(null, segment);
            try (AutoCloseable closeable = (AutoCloseable) builder) {
                builder.getClass().getMethod("project", String[].class).invoke(builder, (Object) new String[] {column});
                List<?> columns = (List<?>) builder.getClass().getMethod("columns").invoke(builder);
                return (Object[]) columns.get(0);
            }
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IOException io) {
                throw new IOException("Cannot read " + segment + ": " + io.getMessage(), io);
            }
            throw e;
        } catch (IOException | ReflectiveOperationException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("Cannot close the reader of " + segment, e);
        }
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }
}
