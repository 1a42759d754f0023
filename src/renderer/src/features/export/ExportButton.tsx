/**
 * "Export report". The report feature (src/main/core/report) is being built separately; until its
 * channel is in the contract the button is shown, disabled, with the reason.
 */
export function ExportButton() {
  return (
    <button
      type="button"
      className="button button--quiet"
      disabled
      title="Reports arrive with the report feature"
    >
      Export report
    </button>
  );
}
