package dev.kiln.worker;

import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * How an interrupt stops snippet code that runs without blocking (a loop): checks written into
 * every snippet class, as the JDK's own engine does from JDK 20 on, here for workers of JDK 17 to
 * 19, where the JDK's engine would stop the snippet's threads with {@code Thread.stop}.
 *
 * <p>{@code Thread.stop} throws wherever the thread happens to be, and that broke workers: in a
 * class's static initializer it failed the class for the rest of the worker's life
 * ({@code NoClassDefFoundError: Could not initialize class java.lang.CharacterData00}, after a
 * snippet making its first {@code Scanner} was interrupted); in Kiln's code that a snippet's
 * thread runs (a print, a read of {@code System.in}) it could leave the connection never flushing
 * again. The JDK throws that exception when it gets round to it, not when it is given, so no
 * lock or flag of Kiln's could keep it out of a place. A check throws only where it is written.
 *
 * <p>A check is a call of {@code REPL.$Cancel$.stopCheck()}, a class made here and defined beside
 * the snippets (they see nothing of Kiln's), at the start of every method and before every jump
 * backwards; it throws {@link ThreadDeath} while {@code allStop} is set. These are the JDK's
 * names and places. Code outside snippet classes (a library's loop) is not stopped, on every
 * JDK; blocking calls end by the interrupt that comes with the stop.
 */
final class StopChecks {
    /** Whether Kiln writes the checks: on JDK 17 to 19 (from 20 on the JDK's engine does). */
    static final boolean WRITTEN_BY_KILN = Runtime.version().feature() < 20;

    /** The class that holds the flag and the check, named as the JDK names it. */
    static final String CANCEL_CLASS = "REPL.$Cancel$";

    private static final String CANCEL = CANCEL_CLASS.replace('.', '/');
    /** Its flag: {@code public static volatile boolean}. */
    static final String ALL_STOP = "allStop";

    private static final String STOP_CHECK = "stopCheck";

    private StopChecks() {}

    /** {@code classFile} with a check at the start of every method and before every jump backwards. */
    static byte[] written(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        // No frames or sizes are computed: a check changes neither the stack nor the locals, and ASM moves the
        // frames and offsets it keeps with its labels.
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(
                new ClassVisitor(Opcodes.ASM9, writer) {
                    @Override
                    public MethodVisitor visitMethod(
                            int access, String name, String descriptor, String signature, String[] exceptions) {
                        return new Weaver(super.visitMethod(access, name, descriptor, signature, exceptions));
                    }
                },
                0);
        return writer.toByteArray();
    }

    /** Writes a check at the start of a method's code and before each jump to a place already passed. */
    private static final class Weaver extends MethodVisitor {
        private final Set<Label> passed = new HashSet<>();

        Weaver(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            check();
        }

        @Override
        public void visitLabel(Label label) {
            passed.add(label);
            super.visitLabel(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            if (passed.contains(label)) {
                check();
            }
            super.visitJumpInsn(opcode, label);
        }

        private void check() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, CANCEL, STOP_CHECK, "()V", false);
        }
    }

    /**
     * The class file of {@code REPL.$Cancel$}: {@code public static volatile boolean allStop}, and
     * {@code stopCheck()}, which throws {@code ThreadDeath} while it is set.
     */
    static byte[] cancelClass() {
        ClassWriter w = new ClassWriter(0);
        // Java 6's class-file version: a branch needs no stack map frame there.
        w.visit(
                Opcodes.V1_6,
                Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER,
                CANCEL,
                null,
                "java/lang/Object",
                null);
        w.visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_VOLATILE, ALL_STOP, "Z", null, null)
                .visitEnd();
        MethodVisitor m = w.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, STOP_CHECK, "()V", null, null);
        m.visitCode();
        Label go = new Label();
        m.visitFieldInsn(Opcodes.GETSTATIC, CANCEL, ALL_STOP, "Z");
        m.visitJumpInsn(Opcodes.IFEQ, go);
        m.visitTypeInsn(Opcodes.NEW, "java/lang/ThreadDeath");
        m.visitInsn(Opcodes.DUP);
        m.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/ThreadDeath", "<init>", "()V", false);
        m.visitInsn(Opcodes.ATHROW);
        m.visitLabel(go);
        m.visitInsn(Opcodes.RETURN);
        m.visitMaxs(2, 0);
        m.visitEnd();
        w.visitEnd();
        return w.toByteArray();
    }
}
