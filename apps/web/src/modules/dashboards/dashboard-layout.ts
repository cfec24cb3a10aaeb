import { DASHBOARD_WIDGETS, type DashboardWidget } from '@workmate/domain/enums';
import type { Widget } from '@workmate/domain/schemas/dashboards';

export { DASHBOARD_WIDGETS };

/** What a widget needs to show anything; null: every signed-in person. */
export const WIDGET_PERMISSION: Record<DashboardWidget, string | null> = {
  running_timer: 'timeTracking.track',
  upcoming_reminders: null,
  // The time figures are there for everyone; the money ones only with invoices.read.
  kpi_cards: null,
  revenue_chart: 'invoices.read',
  overdue_invoices: 'invoices.read',
  project_budgets: 'projects.read',
  expenses_by_category: 'finance.read',
};

/** The size a newly added widget gets (columns of 12, rows). */
export const DEFAULT_SIZE: Record<DashboardWidget, { w: number; h: number }> = {
  running_timer: { w: 6, h: 2 },
  upcoming_reminders: { w: 6, h: 2 },
  kpi_cards: { w: 12, h: 2 },
  revenue_chart: { w: 8, h: 4 },
  overdue_invoices: { w: 4, h: 4 },
  project_budgets: { w: 6, h: 4 },
  expenses_by_category: { w: 6, h: 4 },
};

/** The widths offered when customizing: a quarter, a third, half, two thirds, all. */
export const WIDTHS = [3, 4, 6, 8, 12] as const;

/** Top to bottom, left to right: the order people read the grid in (and phones stack it in). */
export function readingOrder(widgets: readonly Widget[]): Widget[] {
  return [...widgets].sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x);
}

/**
 * Lays the widgets out in the given order, left to right, starting a new row when the next one
 * no longer fits in the 12 columns. Widths and heights stay; only x and y change.
 */
export function reflow(widgets: readonly Widget[]): Widget[] {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  return widgets.map((widget) => {
    const w = Math.min(12, Math.max(1, widget.position.w));
    if (x + w > 12) {
      y += rowHeight;
      x = 0;
      rowHeight = 0;
    }
    const placed = { ...widget, position: { ...widget.position, x, y, w } };
    x += w;
    rowHeight = Math.max(rowHeight, widget.position.h);
    return placed;
  });
}

/** Swaps the widget at `index` with its neighbour before (-1) or after (+1), then lays them out again. */
export function move(widgets: readonly Widget[], index: number, by: -1 | 1): Widget[] {
  const target = index + by;
  if (target < 0 || target >= widgets.length) return [...widgets];
  const next = [...widgets];
  [next[index], next[target]] = [next[target] as Widget, next[index] as Widget];
  return reflow(next);
}

export function resize(widgets: readonly Widget[], index: number, w: number): Widget[] {
  return reflow(widgets.map((widget, i) => (i === index ? { ...widget, position: { ...widget.position, w } } : widget)));
}

export function remove(widgets: readonly Widget[], index: number): Widget[] {
  return reflow(widgets.filter((_, i) => i !== index));
}

/** A new widget at the end, with an id no other widget of this dashboard has. */
export function add(widgets: readonly Widget[], type: DashboardWidget): Widget[] {
  const taken = new Set(widgets.map((w) => w.id));
  let id: string = type;
  for (let n = 2; taken.has(id); n++) id = `${type}-${n}`;
  const size = DEFAULT_SIZE[type];
  return reflow([...widgets, { id, type, position: { x: 0, y: 0, w: size.w, h: size.h } }]);
}
