import { reportOptionsSchema, type ReportOptionsInput } from '../../../../shared/api.ts';

const OPTIONS_KEY = 'workbench.reportOptions';

/** What a report holds until the analyst says otherwise: everything, citations as footnotes. */
export const DEFAULT_REPORT_OPTIONS: ReportOptionsInput = {
  includeOriginal: true,
  includeNotes: true,
  citationStyle: 'footnotes',
};

/** The options of the last export, kept across sessions; anything unreadable falls back to the defaults. */
export function loadReportOptions(): ReportOptionsInput {
  try {
    const stored = localStorage.getItem(OPTIONS_KEY);
    if (stored === null) return DEFAULT_REPORT_OPTIONS;
    const parsed = reportOptionsSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : DEFAULT_REPORT_OPTIONS;
  } catch {
    return DEFAULT_REPORT_OPTIONS;
  }
}

/** Remembers the options for the next export, in this and later sessions. */
export function saveReportOptions(options: ReportOptionsInput): void {
  try {
    localStorage.setItem(OPTIONS_KEY, JSON.stringify(options));
  } catch {
    // Storage full or disabled: the report is still exported, only the choice is forgotten.
  }
}
