/**
 * A page of one feature that features built on top of it add to, without the
 * lower feature importing them (which would make the two depend on each
 * other): reading lists add "on these lists" to an evidence item's page, the
 * delivery loop adds its sites and rounds to a programme's overview. Each
 * contributor registers under its own name, so registering again replaces.
 */
export class PagePanels<Args extends unknown[]> {
  private readonly contributors = new Map<string, (...args: Args) => Promise<Record<string, unknown>>>();

  add(name: string, contributor: (...args: Args) => Promise<Record<string, unknown>>): void {
    this.contributors.set(name, contributor);
  }

  /** Every contributor's page data, merged. */
  async collect(...args: Args): Promise<Record<string, unknown>> {
    const parts = await Promise.all([...this.contributors.values()].map((contribute) => contribute(...args)));
    return Object.assign({}, ...parts) as Record<string, unknown>;
  }
}
