import { statusLabels, type ImplementationStatus } from "./options";

/** Status in words (never colour only) and progress as a native, labelled progress bar with its percentage. */
export function ActionStatus({ status, progress }: { status: ImplementationStatus; progress: number }) {
  return (
    <span className="action-status">
      <span className={`action-status__label action-status__label--${status}`}>{statusLabels[status]}</span>{" "}
      <progress className="action-status__bar" max={100} value={progress} aria-label={`Voortgang ${progress}%`}>
        {progress}%
      </progress>{" "}
      <span className="action-status__percent">{progress}%</span>
    </span>
  );
}

export function formatIsoDate(value: string | null | undefined): string {
  if (!value) return "—";
  const [y, m, d] = value.split("-").map(Number);
  const months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
  return `${d} ${months[(m ?? 1) - 1]} ${y}`;
}

export function Notice({ kind, children }: { kind: "ok" | "error"; children: React.ReactNode }) {
  return (
    <div className={`utrecht-alert utrecht-alert--${kind}`} role={kind === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}
