import { PageCountHints, fetchAllPages } from './cloud-provider';

/** A collection of `pages` pages that answers a page past the end with the last one, as Linode does. */
function collection(pages: number) {
  const asked: number[] = [];
  const fetchPage = async (page: number) => {
    asked.push(page);
    return { page: Math.min(page, pages), pages };
  };
  return { asked, fetchPage };
}

describe('fetchAllPages', () => {
  it.each([
    [1, 5],
    [5, 5],
    [8, 5],
    [3, 1],
  ])('with a hint of %i pages, returns exactly the %i real pages in order', async (hint, pages) => {
    const { asked, fetchPage } = collection(pages);
    const result = await fetchAllPages(fetchPage, (first) => first.pages, hint);
    expect(result.map((p) => p.page)).toEqual(Array.from({ length: pages }, (_, i) => i + 1));
    // Every real page once; speculative ones only up to the hint.
    expect(new Set(asked).size).toBe(asked.length);
    expect(Math.max(...asked)).toBe(Math.max(pages, Math.min(hint, 50)));
  });

  it('fails when a real page fails, and ignores a failing page past the end', async () => {
    const failing = (bad: number) => async (page: number) => {
      if (page === bad) throw new Error(`page ${page} failed`);
      return { pages: 2 };
    };
    await expect(fetchAllPages(failing(2), (f) => f.pages, 3)).rejects.toThrow('page 2 failed');
    await expect(fetchAllPages(failing(3), (f) => f.pages, 3)).resolves.toHaveLength(2);
  });

  it('remembers page counts per key, forgetting the oldest past its limit', () => {
    const hints = new PageCountHints(2);
    hints.set('a', 3);
    hints.set('b', 4);
    hints.set('c', 5);
    expect([hints.get('a'), hints.get('b'), hints.get('c')]).toEqual([1, 4, 5]);
  });
});
