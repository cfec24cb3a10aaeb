import { useQuery } from '@tanstack/react-query';
import { Link, useLocation } from 'wouter';
import { useT } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Loading, PageHeader } from '../../ui/page.tsx';
import { ProjectForm } from './project-form.tsx';

/** `/projects/new` (id null) or `/projects/:id/edit`. */
export function ProjectEditPage({ id }: { id: string | null }) {
  const t = useT();
  const trpc = useTRPC();
  const [, navigate] = useLocation();
  const project = useQuery({ ...trpc.projects.get.queryOptions({ id: id ?? '' }), enabled: id !== null });
  const back = (
    <p className="breadcrumb">
      <Link href={id ? `/projects/${id}` : '/projects/list'}>‹ {id && project.data ? project.data.title : t('project.listTitle')}</Link>
    </p>
  );

  if (id === null) {
    return (
      <>
        {back}
        <PageHeader title={t('project.new')} />
        <ProjectForm onSaved={(saved) => navigate(`/projects/${saved.id}`)} onCancel={() => navigate('/projects/list')} />
      </>
    );
  }
  if (project.isPending) return <Loading />;
  if (!project.data) {
    return (
      <>
        {back}
        <ErrorAlert error={project.error} onRetry={() => void project.refetch()} />
      </>
    );
  }
  const p = project.data;
  return (
    <>
      {back}
      <PageHeader title={t('project.edit')}>
        <span className="mono muted">{p.projectNumber}</span>
      </PageHeader>
      <ProjectForm key={p.version} project={p} onSaved={() => navigate(`/projects/${p.id}`)} onCancel={() => navigate(`/projects/${p.id}`)} />
    </>
  );
}
