/**
 * The cell each recently seen case is in, as this API instance last learnt it, so that a command can be
 * authorised without first asking the server where its case is (a DescribeWorkflowExecution per command, tens
 * of milliseconds under load). Nothing depends on it being right: a command carries the cell it was judged
 * against, the case refuses it if it has moved (CaseCellChanged), and the route then asks the server and judges
 * it again. So instances keep their own, and a move through another instance costs one refusal here.
 */
export class CaseCells {
  readonly #cells = new Map<string, string>();

  constructor(private readonly capacity = 10_000) {}

  get(caseId: string): string | undefined {
    const cell = this.#cells.get(caseId);
    if (cell !== undefined) {
      // Most recently used last, so the oldest is the first to go.
      this.#cells.delete(caseId);
      this.#cells.set(caseId, cell);
    }
    return cell;
  }

  set(caseId: string, cellId: string): void {
    this.#cells.delete(caseId);
    this.#cells.set(caseId, cellId);
    if (this.#cells.size > this.capacity) this.#cells.delete(this.#cells.keys().next().value!);
  }

  forget(caseId: string): void {
    this.#cells.delete(caseId);
  }
}
