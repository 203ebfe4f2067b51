import dev.kiln.*;
public class Hold2 { public static void main(String[] a) throws Exception {
  try (Worker w = Worker.start(WorkerSpec.builder().echoOutput(false).build())) { System.out.println(w.pid()); System.out.flush(); Thread.sleep(12000); } } }
