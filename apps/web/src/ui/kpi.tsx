import { Link } from 'wouter';

/** A key figure on a dashboard; with `href` the whole card links to the list behind it. */
export function Kpi({ label, value, testId, href }: { label: string; value: string; testId: string; href?: string }) {
  const body = (
    <>
      <span className="kpi-value" data-testid={`${testId}-value`}>
        {value}
      </span>
      <span className="kpi-label">{label}</span>
    </>
  );
  return (
    <div className="card kpi" data-testid={testId}>
      {href ? <Link href={href}>{body}</Link> : body}
    </div>
  );
}
