package dev.kiln.deps;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.aether.RepositoryException;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.DependencyResult;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.transfer.RepositoryOfflineException;

/**
 * A failed resolution in a person's words: which artifact, why (not found, a repository out of
 * reach, offline), where Kiln looked (the local repository and each remote one), and what to do.
 */
final class ResolutionFailures {
    private ResolutionFailures() {}

    static String describe(
            DependencyResolutionException e,
            List<Coordinate> requested,
            Path local,
            List<RemoteRepository> remotes,
            MavenSettings settings) {
        DependencyResult result = e.getResult();
        Set<String> missing = new LinkedHashSet<>();
        Set<String> unreachable = new LinkedHashSet<>();
        Set<String> other = new LinkedHashSet<>();
        boolean offline = false;
        List<String> artifacts = new ArrayList<>();
        if (result != null) {
            for (ArtifactResult r : result.getArtifactResults()) {
                if (r.isResolved()) {
                    continue;
                }
                artifacts.add(name(r.getRequest().getArtifact(), requested));
                for (Exception x : r.getExceptions()) {
                    if (x instanceof ArtifactNotFoundException) {
                        missing.add(String.valueOf(x.getMessage()));
                    } else if (hasCause(x, RepositoryOfflineException.class)) {
                        offline = true;
                    } else if (reachProblem(x) != null) {
                        unreachable.add(reachProblem(x));
                    } else {
                        other.add(deepestMessage(x));
                    }
                }
            }
            for (Exception x : result.getCollectExceptions()) {
                if (hasCause(x, RepositoryOfflineException.class)) {
                    offline = true;
                } else if (reachProblem(x) != null) {
                    unreachable.add(reachProblem(x));
                } else {
                    other.add(deepestMessage(x));
                }
            }
        }
        String what = artifacts.isEmpty()
                ? requested.stream().map(Coordinate::toString).collect(Collectors.joining(", "))
                : String.join(", ", artifacts);
        StringBuilder s = new StringBuilder("Could not resolve ").append(what).append(": ");
        String where = where(local, remotes);
        if (offline) {
            s.append("it is not in the local repository ")
                    .append(local)
                    .append(", and Maven is set to work offline (<offline>true</offline> in ")
                    .append(settings.file())
                    .append("). Resolve it once while online, or turn offline mode off");
        } else if (!unreachable.isEmpty()) {
            s.append("it is not in the local repository ")
                    .append(local)
                    .append(", and ")
                    .append(String.join("; ", unreachable))
                    .append(". Check the network connection (and the proxy in Maven's settings.xml), or resolve it"
                            + " once while online");
        } else if (!missing.isEmpty() && other.isEmpty()) {
            s.append("there is no such artifact in ")
                    .append(where)
                    .append(". Check its groupId, artifactId and version, or give the repository that has it");
        } else {
            s.append(String.join("; ", other.isEmpty() ? missing : other))
                    .append(". Looked in ")
                    .append(where);
        }
        return s.append('.').toString();
    }

    /** The local repository and every remote one, each with its URL (a mirror says what it mirrors). */
    static String where(Path local, List<RemoteRepository> remotes) {
        StringBuilder s = new StringBuilder("the local repository ").append(local);
        if (remotes.isEmpty()) {
            return s.append(" (no remote repository)").toString();
        }
        for (RemoteRepository r : remotes) {
            s.append(", ").append(r.getId()).append(" (").append(r.getUrl());
            if (!r.getMirroredRepositories().isEmpty()) {
                s.append(", mirror of ")
                        .append(r.getMirroredRepositories().stream()
                                .map(RemoteRepository::getId)
                                .collect(Collectors.joining(", ")));
            }
            s.append(')');
        }
        return s.toString();
    }

    /** The artifact as coordinates, with "a dependency of ..." when it is not one that was asked for. */
    private static String name(Artifact a, List<Coordinate> requested) {
        Coordinate c =
                new Coordinate(a.getGroupId(), a.getArtifactId(), a.getExtension(), a.getClassifier(), a.getVersion());
        if (requested.contains(c)) {
            return c.toString();
        }
        return c + " (a dependency of "
                + requested.stream().map(Coordinate::toString).collect(Collectors.joining(", ")) + ")";
    }

    /** "<repository> (<url>) could not be reached (<why>)", or null when {@code x} is not about reaching one. */
    private static String reachProblem(Exception x) {
        Throwable t = x;
        while (t != null) {
            if (t instanceof ConnectException
                    || t instanceof UnknownHostException
                    || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.net.NoRouteToHostException) {
                String repo = repositoryOf(x);
                String why = t instanceof UnknownHostException
                        ? "unknown host " + t.getMessage()
                        : String.valueOf(t.getMessage());
                return (repo == null ? "a repository" : repo) + " could not be reached (" + why + ")";
            }
            t = t.getCause();
        }
        return null;
    }

    private static String repositoryOf(Throwable x) {
        for (Throwable t = x; t != null; t = t.getCause()) {
            if (t instanceof org.eclipse.aether.transfer.ArtifactTransferException a && a.getRepository() != null) {
                return a.getRepository().getId() + " (" + a.getRepository().getUrl() + ")";
            }
        }
        return null;
    }

    private static boolean hasCause(Throwable x, Class<? extends Throwable> type) {
        for (Throwable t = x; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The message of the innermost resolver exception, which says most precisely what failed. */
    private static String deepestMessage(Throwable x) {
        String message = String.valueOf(x.getMessage());
        for (Throwable t = x; t != null; t = t.getCause()) {
            if ((t instanceof RepositoryException || t.getCause() == null) && t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message;
    }
}
