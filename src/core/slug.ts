/** An address part from a title: "Guide to setting up recruitment support hubs" → "guide-to-setting-up-recruitment-support-hubs". */
export function slugFrom(title: string): string {
  return (
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 80)
      .replace(/-$/, '') || 'guide'
  );
}
