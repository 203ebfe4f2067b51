/**
 * The Kiln workbench: a JavaFX shell over the library {@code dev.kiln}. It exports nothing
 * for other code to use (only the benchmarks, {@code dev.kiln.bench}, may drive a workbench in
 * their own process); its main class is {@code dev.kiln.app.Main}.
 */
// RichTextFX and the libraries its API hands out (Flowless, UndoFX, ReactFX) ship no module
// descriptor: automatic modules, named by their manifests. ReactFX's name comes from its jar's
// file name, hence Maven's "filename-based automodules" warning; nobody requires this module.
// "module": the exports to dev.kiln.bench name a module that is not on the app's own module path.
@SuppressWarnings({"requires-automatic", "module"})
module dev.kiln.app {
    requires dev.kiln;
    requires javafx.controls;
    requires org.fxmisc.richtext;
    requires org.fxmisc.flowless;
    requires org.fxmisc.undo;
    requires reactfx;
    requires atlantafx.base;
    requires org.kordamp.ikonli.javafx;
    requires org.kordamp.ikonli.feather;

    // Application.launch constructs KilnApp (public, with a public constructor) from javafx.graphics.
    // No opens: the app's CSS and icons are read by its own classes (getResource from this module),
    // and nothing in it is reached by reflection.
    exports dev.kiln.app to
            javafx.graphics,
            dev.kiln.bench;
    // The benchmarks' UI-under-load row drives a workbench in its own process, as the UI tests do:
    // it puts code in the editor, picks workers and reads their output. Nobody else may.
    exports dev.kiln.app.model to
            dev.kiln.bench;
    exports dev.kiln.app.editor to
            dev.kiln.bench;
}
