/** The query string of an export: repeated names for lists, nothing for what is not set. */
export function exportUrl(
  name: string,
  params: Record<string, string | readonly string[] | null>,
  format: "csv" | "jsonl",
) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null) continue;
    for (const item of typeof value === "string" ? [value] : value)
      query.append(key, item);
  }
  if (format === "jsonl") query.set("format", "jsonl");
  const text = query.toString();
  return `/exports/${name}.csv${text === "" ? "" : `?${text}`}`;
}

/**
 * Download what the page shows, as a spreadsheet (CSV) or as JSON lines: the server makes the file with the
 * same rules as the page, for the signed-in person.
 */
export function ExportLinks({
  name,
  params = {},
  what,
}: {
  name: string;
  params?: Record<string, string | readonly string[] | null>;
  what: string;
}) {
  return (
    <p className="ds-u-margin-y--2 iacs-export-links">
      Download {what}:{" "}
      <a href={exportUrl(name, params, "csv")} download>
        spreadsheet (CSV)
      </a>{" "}
      ·{" "}
      <a href={exportUrl(name, params, "jsonl")} download>
        JSON lines
      </a>
    </p>
  );
}
