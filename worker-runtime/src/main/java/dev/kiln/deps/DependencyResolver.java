package dev.kiln.deps;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Resolves Maven coordinates to jars on this machine, with Maven's own resolver: the artifacts
 * and their runtime dependencies (transitively, conflicts settled as Maven settles them), fetched
 * into the local repository unless they are there already. The user's {@code settings.xml} applies
 * (see {@link MavenSettings}); offline, only the local repository is used.
 */
public final class DependencyResolver {
    /** Maven Central, the repository every Maven build knows. */
    public static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    private DependencyResolver() {}

    /**
     * What to resolve.
     *
     * @param coordinates     the artifacts (their dependencies come along)
     * @param repositories    the remote repositories' URLs; empty for Maven Central and the repositories of the
     *                        settings' active profiles (an empty list: none, the local repository only)
     * @param localRepository the local repository; empty for Maven's ({@link MavenSettings#localRepository})
     * @param downloads       told of each file fetched from a remote repository, as it arrives (never of checksums)
     */
    public record Request(
            List<Coordinate> coordinates,
            Optional<List<String>> repositories,
            Optional<Path> localRepository,
            Consumer<Download> downloads) {}

    /**
     * The jars of the request's artifacts and their runtime dependencies, each once, in Maven's class
     * path order (an artifact before its dependencies).
     *
     * @throws ResolutionException naming what could not be resolved, why, and the repositories tried
     */
    public static List<Path> resolve(Request request) throws ResolutionException {
        if (request.coordinates().isEmpty()) {
            return List.of();
        }
        MavenSettings settings = MavenSettings.load();
        Path local = settings.localRepository(request.localRepository());
        RepositorySystem system = new RepositorySystemSupplier().get();
        try (RepositorySystemSession.CloseableSession session = new SessionBuilderSupplier(system)
                .get()
                .withLocalRepositoryBaseDirectories(local)
                .setOffline(settings.offline())
                .setSystemProperties(System.getProperties())
                .setMirrorSelector(settings.mirrors())
                .setProxySelector(settings.proxies())
                .setAuthenticationSelector(settings.authentication())
                .setTransferListener(new Transfers(request.downloads()))
                .build()) {
            List<RemoteRepository> remotes = system.newResolutionRepositories(session, remotes(request, settings));
            CollectRequest collect = new CollectRequest();
            for (Coordinate c : request.coordinates()) {
                collect.addDependency(new Dependency(
                        new DefaultArtifact(c.groupId(), c.artifactId(), c.classifier(), c.extension(), c.version()),
                        JavaScopes.RUNTIME));
            }
            collect.setRepositories(remotes);
            DependencyRequest dependencies =
                    new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
            List<ArtifactResult> results;
            try {
                results = system.resolveDependencies(session, dependencies).getArtifactResults();
            } catch (DependencyResolutionException e) {
                throw new ResolutionException(
                        ResolutionFailures.describe(e, request.coordinates(), local, remotes, settings));
            }
            Set<Path> jars = new LinkedHashSet<>();
            for (ArtifactResult r : results) {
                Artifact a = r.getArtifact();
                if (a != null && a.getPath() != null && "jar".equals(a.getExtension())) {
                    jars.add(a.getPath().toAbsolutePath().normalize());
                }
            }
            return List.copyOf(jars);
        } finally {
            system.shutdown();
        }
    }

    /** The repositories to look in, before mirrors apply: the request's, or Central and the settings' active ones. */
    private static List<RemoteRepository> remotes(Request request, MavenSettings settings) {
        List<RemoteRepository> out = new ArrayList<>();
        if (request.repositories().isPresent()) {
            int n = 0;
            for (String url : request.repositories().get()) {
                out.add(new RemoteRepository.Builder("repository-" + ++n, "default", url).build());
            }
            return out;
        }
        out.add(new RemoteRepository.Builder("central", "default", CENTRAL).build());
        out.addAll(settings.profileRepositories());
        return out;
    }
}
