import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Installs the Maven distribution pinned in maven-wrapper.properties, for ./chirpchat (JDK 21+ source launch, no
 * dependencies):
 *
 * <pre>java .mvn/wrapper/Bootstrap.java [PROPERTIES [DESTINATION]]</pre>
 *
 * PROPERTIES defaults to .mvn/wrapper/maven-wrapper.properties, DESTINATION to
 * $HOME/.m2/wrapper/dists/NAME (NAME: the zip's file name without -bin.zip). It downloads distributionUrl (with
 * https://repo.maven.apache.org/maven2 replaced by MVNW_REPOURL, else by the mirror of central in
 * $HOME/.m2/settings.xml, if any) into a temporary directory beside DESTINATION, checks distributionSha512Sum, unpacks
 * the zip there (no entry may leave that directory; executable bits kept) and renames the unpacked Maven home to
 * DESTINATION in one atomic move. Does nothing when DESTINATION already holds an executable bin/mvn. Several launches
 * at once are safe: a lock file beside DESTINATION makes the others wait for the first one's download, and where
 * there are no file locks the first rename wins and the others find it done. Messages go to stderr; exit status 1
 * with the reason on any failure, and then nothing is at DESTINATION.
 */
public class Bootstrap {

    static final String CENTRAL = "https://repo.maven.apache.org/maven2";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    /** until the response's status and headers have arrived */
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);
    /** the whole download, body included */
    static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(5);
    static final int ATTEMPTS = 3;

    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    public static void main(String[] args) {
        try {
            Path properties = Path.of(args.length > 0 ? args[0] : ".mvn/wrapper/maven-wrapper.properties");
            install(properties, args.length > 1 ? Path.of(args[1]) : null);
        } catch (Failure e) {
            System.err.println("maven bootstrap: " + e.getMessage());
            System.exit(1);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("maven bootstrap: " + describe(e));
            System.exit(1);
        }
    }

    static void install(Path propertiesFile, Path destination) throws Failure, IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(propertiesFile)) {
            properties.load(in);
        } catch (IOException e) {
            throw new Failure("cannot read " + propertiesFile + ": " + describe(e));
        }
        String url = required(properties, "distributionUrl", propertiesFile).trim();
        String sha512 = required(properties, "distributionSha512Sum", propertiesFile).trim().toLowerCase();
        if (!sha512.matches("[0-9a-f]{128}")) {
            throw new Failure("distributionSha512Sum in " + propertiesFile + " is not 128 hex digits: " + sha512);
        }
        String zipName = url.substring(url.lastIndexOf('/') + 1);
        if (!zipName.endsWith("-bin.zip")) {
            throw new Failure("distributionUrl in " + propertiesFile + " does not name a *-bin.zip: " + url);
        }
        String name = zipName.substring(0, zipName.length() - "-bin.zip".length());
        Path home = Path.of(System.getenv().getOrDefault("HOME", System.getProperty("user.home")));
        if (destination == null) {
            destination = home.resolve(".m2/wrapper/dists").resolve(name);
        }
        destination = destination.toAbsolutePath().normalize();
        if (installed(destination)) {
            return;
        }
        URI uri = URI.create(viaMirror(url, home.resolve(".m2/settings.xml")));
        Path parent = destination.getParent();
        Files.createDirectories(parent);
        // launches at once wait here for the first one's download rather than download too (an optimisation only:
        // the atomic rename below is what keeps the destination whole, with or without this lock)
        try (Lock lock = lock(parent.resolve("." + destination.getFileName() + ".lock"))) {
            if (installed(destination)) {
                return;
            }
            if (lock.held()) {
                deleteLeftovers(destination);
            }
            fetchAndInstall(uri, zipName, sha512, propertiesFile, destination, parent);
        }
    }

    /** an exclusive lock on a file, released by closing it; held is false where the file system has no locks */
    record Lock(FileChannel channel, boolean held) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            channel.close(); // releases the lock
        }
    }

    static Lock lock(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            channel.lock();
            return new Lock(channel, true);
        } catch (IOException | UnsupportedOperationException e) {
            return new Lock(channel, false); // launches at once each download, and the first rename wins
        }
    }

    /** temporary directories an interrupted launch left beside destination (only while holding the lock) */
    static void deleteLeftovers(Path destination) throws IOException {
        String prefix = "." + destination.getFileName() + ".tmp-";
        try (Stream<Path> s = Files.list(destination.getParent())) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                deleteRecursively(p);
            }
        }
    }

    static void fetchAndInstall(URI uri, String zipName, String sha512, Path propertiesFile, Path destination,
            Path parent) throws Failure, IOException {
        String name = zipName.substring(0, zipName.length() - "-bin.zip".length());
        Path temp = Files.createTempDirectory(parent, "." + destination.getFileName() + ".tmp-");
        try {
            Path zip = temp.resolve(zipName);
            System.err.println("maven bootstrap: downloading " + uri);
            download(uri, zip);
            String actual = sha512(zip);
            if (!MessageDigest.isEqual(actual.getBytes(), sha512.getBytes())) {
                throw new Failure("SHA-512 mismatch for " + uri + ": expected " + sha512 + " (distributionSha512Sum in "
                        + propertiesFile + "), got " + actual + "; nothing installed");
            }
            Path unpacked = temp.resolve("unpacked");
            Files.createDirectory(unpacked);
            unzip(zip, unpacked);
            Path mavenHome = singleTopDirectory(unpacked, uri);
            if (!Files.isExecutable(mavenHome.resolve("bin/mvn"))) {
                throw new Failure(uri + " has no executable bin/mvn under " + mavenHome.getFileName() + "/");
            }
            if (moveIntoPlace(mavenHome, destination, temp)) {
                System.err.println("maven bootstrap: installed " + name + " into " + destination);
            } else {
                System.err.println("maven bootstrap: " + destination + " was installed meanwhile by another launch");
            }
        } finally {
            deleteRecursively(temp);
        }
    }

    static String required(Properties properties, String key, Path file) throws Failure {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new Failure(file + " has no " + key);
        }
        return value;
    }

    static boolean installed(Path mavenHome) {
        return Files.isRegularFile(mavenHome.resolve("bin/mvn")) && Files.isExecutable(mavenHome.resolve("bin/mvn"));
    }

    /** MVNW_REPOURL, else the url of the first mirror of central in settings.xml, replaces Maven Central's. */
    static String viaMirror(String url, Path settings) throws Failure {
        if (!url.startsWith(CENTRAL + "/")) {
            return url;
        }
        String mirror = System.getenv("MVNW_REPOURL");
        if (mirror == null || mirror.isBlank()) {
            mirror = centralMirror(settings);
        }
        if (mirror == null || mirror.isBlank()) {
            return url;
        }
        mirror = mirror.trim().replaceAll("/+$", "");
        return mirror + url.substring(CENTRAL.length());
    }

    /** the url of the mirror Maven would use for central (exact id first, then patterns), or null */
    static String centralMirror(Path settings) throws Failure {
        if (!Files.isRegularFile(settings)) {
            return null;
        }
        List<Element> mirrors = new ArrayList<>();
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            Element root = factory.newDocumentBuilder().parse(settings.toFile()).getDocumentElement();
            for (Element list : children(root, "mirrors")) {
                mirrors.addAll(children(list, "mirror"));
            }
        } catch (Exception e) {
            throw new Failure("cannot read the mirrors in " + settings + ": " + describe(e));
        }
        for (boolean exact : new boolean[] {true, false}) {
            for (Element mirror : mirrors) {
                if ("true".equals(text(mirror, "blocked"))) {
                    continue;
                }
                List<String> of = Stream.of(String.valueOf(text(mirror, "mirrorOf")).split(","))
                        .map(String::trim).toList();
                boolean matches = exact
                        ? of.contains("central")
                        : !of.contains("!central") && of.stream().anyMatch(p -> p.equals("*") || p.equals("external:*")
                                || p.equals("external:https:*"));
                if (matches && text(mirror, "url") != null) {
                    return text(mirror, "url");
                }
            }
        }
        return null;
    }

    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName() != null ? e.getLocalName() : e.getTagName())) {
                found.add(e);
            }
        }
        return found;
    }

    static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0).getTextContent().trim();
    }

    static void download(URI uri, Path file) throws Failure {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(RESPONSE_TIMEOUT)
                .header("User-Agent", "chirpchat-maven-bootstrap")
                .GET()
                .build();
        // the body goes to the file only with a 200; any other status keeps the file untouched
        HttpResponse.BodyHandler<Path> handler = info -> info.statusCode() == 200
                ? HttpResponse.BodySubscribers.ofFile(file)
                : HttpResponse.BodySubscribers.replacing(null);
        String problem = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            CompletableFuture<HttpResponse<Path>> response = client.sendAsync(request, handler);
            boolean retry;
            try {
                int status = response.get(DOWNLOAD_TIMEOUT.toSeconds(), TimeUnit.SECONDS).statusCode();
                if (status == 200) {
                    return;
                }
                problem = "HTTP status " + status;
                retry = status >= 500 || status == 429;
            } catch (ExecutionException e) {
                problem = describe(e.getCause());
                retry = true;
            } catch (TimeoutException e) {
                response.cancel(true);
                problem = "not complete after " + DOWNLOAD_TIMEOUT.toSeconds() + " s";
                retry = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failure("interrupted while downloading " + uri);
            }
            if (!retry || attempt == ATTEMPTS) {
                break;
            }
            System.err.println("maven bootstrap: attempt " + attempt + " of " + ATTEMPTS + " failed (" + problem
                    + "), retrying");
            try {
                Thread.sleep(2000L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failure("interrupted while downloading " + uri);
            }
        }
        throw new Failure("cannot download " + uri + ": " + problem + (uri.toString().startsWith(CENTRAL + "/")
                ? " (where Maven Central is out of reach, set a mirror of central in ~/.m2/settings.xml or MVNW_REPOURL)"
                : " (this repository comes from MVNW_REPOURL or the mirror of central in ~/.m2/settings.xml)"));
    }

    static String sha512(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** unpacks every entry under target; an entry that would land outside it fails the whole unpacking */
    static void unzip(Path zip, Path target) throws Failure, IOException {
        // java.util.zip gives the raw entry names; the zip file system gives the Unix permissions stored with them
        try (ZipFile zipFile = new ZipFile(zip.toFile())) {
            List<? extends ZipEntry> entries = zipFile.stream().toList();
            // every name first, before anything is written
            for (ZipEntry entry : entries) {
                String name = entry.getName();
                Path path = target.resolve(name).normalize();
                if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains(":")
                        || !path.startsWith(target) || path.equals(target)) {
                    throw new Failure("refusing zip entry '" + name + "' of " + zip.getFileName()
                            + ": it would be written outside the unpack directory; nothing installed");
                }
            }
            try (FileSystem zipFs = FileSystems.newFileSystem(zip, Map.of("enablePosixFileAttributes", "true"))) {
                write(zipFile, entries, zipFs, target);
            }
        }
    }

    static void write(ZipFile zipFile, List<? extends ZipEntry> entries, FileSystem zipFs, Path target)
            throws IOException {
        for (ZipEntry entry : entries) {
            String name = entry.getName();
            Path path = target.resolve(name).normalize();
            if (entry.isDirectory()) {
                Files.createDirectories(path);
                continue;
            }
            Files.createDirectories(path.getParent());
            try (InputStream in = zipFile.getInputStream(entry)) {
                Files.copy(in, path); // no REPLACE_EXISTING: a repeated entry fails
            }
            Files.setPosixFilePermissions(path, permissions(zipFs, name));
        }
    }

    /** the entry's stored permissions, readable and writable by the owner, never writable by others */
    static Set<PosixFilePermission> permissions(FileSystem zipFs, String name) {
        Set<PosixFilePermission> permissions = EnumSet.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        try {
            Set<PosixFilePermission> stored = Files.getPosixFilePermissions(zipFs.getPath(name));
            for (PosixFilePermission p : List.of(PosixFilePermission.OWNER_EXECUTE,
                    PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE)) {
                if (stored.contains(p)) {
                    permissions.add(p);
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            // no Unix permissions stored with this entry: not executable
        }
        return permissions;
    }

    static Path singleTopDirectory(Path unpacked, URI uri) throws Failure, IOException {
        List<Path> top;
        try (Stream<Path> s = Files.list(unpacked)) {
            top = s.toList();
        }
        if (top.size() != 1 || !Files.isDirectory(top.get(0))) {
            throw new Failure(uri + " does not hold exactly one top directory (found " + top.size() + " entries)");
        }
        return top.get(0);
    }

    /**
     * renames mavenHome to destination atomically: true; false when another launch installed it meanwhile (fine)
     */
    static boolean moveIntoPlace(Path mavenHome, Path destination, Path temp) throws Failure, IOException {
        if (Files.exists(destination) && !installed(destination)) {
            // not ours: every install of ours is one rename of a complete directory. Set it aside, then replace it.
            try {
                Files.move(destination, temp.resolve("replaced"), StandardCopyOption.ATOMIC_MOVE);
                System.err.println("maven bootstrap: replaced " + destination + " (it had no executable bin/mvn)");
            } catch (NoSuchFileException e) {
                // another launch set it aside first
            }
        }
        try {
            Files.move(mavenHome, destination, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (AtomicMoveNotSupportedException e) {
            throw new Failure("cannot rename " + mavenHome + " to " + destination + " atomically: " + describe(e));
        } catch (IOException e) {
            if (!installed(destination)) {
                throw new Failure("cannot move Maven into " + destination + ": " + describe(e));
            }
            // another launch was first; its copy is complete (ours is deleted with the temporary directory)
            return false;
        }
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("maven bootstrap: could not delete " + dir + ": " + describe(e));
        }
    }

    /** the exception and its causes, each with its message */
    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage());
            } else if (t instanceof java.net.ConnectException) {
                text.append(": no connection (refused, unreachable or blocked)");
            }
        }
        return text.toString();
    }
}
