package dev.kiln.deps;

import java.util.Locale;
import java.util.function.Consumer;
import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.transfer.TransferEvent;
import org.eclipse.aether.transfer.TransferResource;

/**
 * The resolver's transfers as {@link Download}s: files fetched from remote repositories, without
 * their checksum and signature files. A listener that throws is ignored: it never fails a resolution.
 */
final class Transfers extends AbstractTransferListener {
    private final Consumer<Download> listener;

    Transfers(Consumer<Download> listener) {
        this.listener = listener;
    }

    @Override
    public void transferStarted(TransferEvent e) {
        report(e, false);
    }

    @Override
    public void transferProgressed(TransferEvent e) {
        report(e, false);
    }

    @Override
    public void transferSucceeded(TransferEvent e) {
        report(e, true);
    }

    @Override
    public void transferFailed(TransferEvent e) {
        report(e, true);
    }

    private void report(TransferEvent e, boolean done) {
        TransferResource r = e.getResource();
        if (e.getRequestType() != TransferEvent.RequestType.GET || isChecksum(r.getResourceName())) {
            return;
        }
        String name = r.getResourceName();
        String file = name.substring(name.lastIndexOf('/') + 1);
        try {
            listener.accept(
                    new Download(file, r.getRepositoryUrl(), e.getTransferredBytes(), r.getContentLength(), done));
        } catch (RuntimeException ignored) {
            // the caller's listener failed: the download goes on regardless
        }
    }

    private static boolean isChecksum(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".sha1")
                || n.endsWith(".md5")
                || n.endsWith(".sha256")
                || n.endsWith(".sha512")
                || n.endsWith(".asc");
    }
}
