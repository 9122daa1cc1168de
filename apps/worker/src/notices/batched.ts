interface Waiting<In, Out> {
  input: In;
  resolve: (output: Out) => void;
  reject: (error: unknown) => void;
}

/**
 * Runs a set-based statement for many callers at once: while one run is under way, the calls
 * that arrive meanwhile wait and go together in the next. One round trip (and one commit, for a
 * write) serves several jobs. Each caller's promise settles with its own result only when the
 * run that carried it is over.
 */
export class Batched<In, Out> {
  private waiting: Waiting<In, Out>[] = [];
  private running = false;

  /** `run` answers one output per input, in the same order. */
  constructor(
    private readonly run: (inputs: In[]) => Promise<Out[]>,
    private readonly maxBatch = 500,
  ) {}

  call(input: In): Promise<Out> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.waiting.length) {
      const batch = this.waiting.splice(0, this.maxBatch);
      try {
        const outputs = await this.run(batch.map((w) => w.input));
        batch.forEach((w, i) => w.resolve(outputs[i]));
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    this.running = false;
  }
}
