import { z } from 'zod';
import { DASHBOARD_WIDGETS } from '../enums.ts';
import { Id, plainString, text, updateFields, Version } from './common.ts';

/** Where a widget sits on a 12-column grid. */
const Position = z.object({
  x: z.int().min(0).max(11),
  y: z.int().min(0).max(200),
  w: z.int().min(1).max(12),
  h: z.int().min(1).max(12),
});

export const Widget = z
  .object({
    id: plainString().trim().min(1).max(40),
    type: z.enum(DASHBOARD_WIDGETS),
    position: Position,
    /** A few per-widget settings (e.g. how many reminders), nothing large. */
    options: z.record(plainString().max(40), z.union([plainString().max(200), z.number().min(-1_000_000).max(1_000_000), z.boolean()])).optional(),
  })
  .refine((w) => w.position.x + w.position.w <= 12, { error: 'does not fit in the 12 columns', path: ['position', 'w'] });
export type Widget = z.infer<typeof Widget>;

/** A dashboard's widget configuration, validated whenever it is saved. */
export const DashboardConfig = z
  .object({ widgets: z.array(Widget).max(30, { error: 'at most 30 widgets' }) })
  .superRefine((c, ctx) => {
    const ids = new Set<string>();
    c.widgets.forEach((w, i) => {
      if (ids.has(w.id)) ctx.addIssue({ code: 'custom', path: ['widgets', i, 'id'], message: 'appears twice' });
      ids.add(w.id);
    });
  });
export type DashboardConfig = z.infer<typeof DashboardConfig>;

const fields = {
  name: text(100),
  config: DashboardConfig,
  isDefault: z.boolean().default(false),
};
export const DashboardCreateInput = z.object(fields);
export type DashboardCreateInput = z.infer<typeof DashboardCreateInput>;
export const DashboardUpdateInput = z.object({ ...updateFields(fields), id: Id, version: Version });
export type DashboardUpdateInput = z.infer<typeof DashboardUpdateInput>;

const w = (id: string, type: Widget['type'], x: number, y: number, width: number, h: number): Widget => ({ id, type, position: { x, y, w: width, h } });

/** The dashboard a person starts with, by what their role lets them see. */
export function defaultDashboardConfig(can: (permission: string) => boolean): DashboardConfig {
  const widgets: Widget[] = [];
  let y = 0;
  const tracks = can('timeTracking.track');
  if (tracks) widgets.push(w('timer', 'running_timer', 0, y, 6, 2));
  // Without the timer the reminders take the whole row.
  widgets.push(w('reminders', 'upcoming_reminders', tracks ? 6 : 0, y, tracks ? 6 : 12, 2));
  y += 2;
  if (can('invoices.read')) {
    widgets.push(w('kpis', 'kpi_cards', 0, y, 12, 2), w('revenue', 'revenue_chart', 0, y + 2, 8, 4), w('overdue', 'overdue_invoices', 8, y + 2, 4, 4));
    y += 6;
  }
  if (can('projects.read')) widgets.push(w('budgets', 'project_budgets', 0, y, 6, 4));
  if (can('finance.read')) widgets.push(w('expenses', 'expenses_by_category', 6, y, 6, 4));
  return { widgets };
}
