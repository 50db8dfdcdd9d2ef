import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../lib/query.ts';
import { formCode, formDay, formDayOrNull, formText, formTextOrNull } from '../../lib/forms.ts';
import { DateField, Field, SelectField, TextAreaField } from '../../ui/form/fields.tsx';
import { Link } from '../../ui/Link.tsx';
import { formatDate } from '../../ui/ui.tsx';
import { ScrollingTable } from '../../ui/ScrollingTable.tsx';
import { helsinkiDate } from '#shared/dates.ts';
import { goalSources, goalStatuses, planKinds } from '#shared/pathwayCodes.ts';
import type { PlanInput, PlanRevisionInput } from '#shared/api/pathway.ts';
import { recordWrites, type ClientPathway, type SectionProps } from './pathwayRecord.ts';
import { SavingForm } from './SavingForm.tsx';

type Plan = NonNullable<ClientPathway['pathwayPlans']>[number];
type Goal = PlanRevisionInput['goals'][number];
interface Organisation {
  id: string;
  name: string;
}

/** A plan's goals as its current version has them, to send back changed as the next version. */
const goalsOf = (plan: Plan): Goal[] =>
  (plan.goals ?? []).map((goal) => ({
    id: goal.id!,
    text: goal.text!,
    source: goal.source as Goal['source'],
    status: goal.status as Goal['status'],
    holdReason: goal.holdReason ?? null,
    setOn: goal.setOn!,
    statusOn: goal.statusOn ?? null,
  }));

const revision = (plan: Plan, goals: Goal[]): PlanRevisionInput => ({
  drawnBy: plan.drawnBy!,
  drawnWith: plan.drawnWith ?? '',
  drawnOn: plan.drawnOn!,
  nextReviewOn: plan.nextReviewOn ?? null,
  goals,
  partners: (plan.partners ?? []).map((partner) => ({ organisationId: partner.organisationId!, consentOn: partner.consentOn! })),
});

/** The client plan and the integration plan: who drew them with whom, their goals, and the partners they are shared with. */
export function PlansSection({ record, reload }: SectionProps) {
  const { t } = useTranslation('pathway');
  const { can } = recordWrites(record);
  const plans = record.pathwayPlans ?? [];
  return (
    <section className="panel" aria-labelledby="plans-heading">
      <h2 id="plans-heading">{t('plans.heading')}</h2>
      {plans.length === 0 && <p>{t('plans.none')}</p>}
      {plans.map((plan) => (
        <PlanView key={plan.id} plan={plan} record={record} reload={reload} />
      ))}
      {can('services') && <NewPlanForm record={record} reload={reload} />}
    </section>
  );
}

function PlanView({ plan, record, reload }: SectionProps & { plan: Plan }) {
  const { t, i18n } = useTranslation('pathway');
  const lang = i18n.language;
  const { can } = recordWrites(record);
  const headingId = `plan-${plan.id}`;
  return (
    <article className="plan" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {t(`planKinds.${plan.kind}`)} – {t('plans.version', { version: plan.version })}
      </h3>
      <dl>
        <dt>{t('plans.drawnBy')}</dt>
        <dd>{plan.drawnBy}</dd>
        <dt>{t('plans.drawnWith')}</dt>
        <dd>{plan.drawnWith || '–'}</dd>
        <dt>{t('plans.drawnOn')}</dt>
        <dd>{formatDate(plan.drawnOn!, lang)}</dd>
        <dt>{t('plans.nextReview')}</dt>
        <dd>{plan.nextReviewOn ? formatDate(plan.nextReviewOn, lang) : '–'}</dd>
        <dt>{t('plans.partners')}</dt>
        <dd>
          {(plan.partners ?? []).length === 0
            ? t('plans.noPartners')
            : plan
                .partners!.map((partner) =>
                  t('plans.partnerWithConsent', { name: partner.organisationName, date: formatDate(partner.consentOn!, lang) }),
                )
                .join('; ')}
        </dd>
      </dl>
      {/* Every plan's goals share this caption: a group inside the plan's article, so no two landmarks have one name. */}
      <ScrollingTable caption={t('plans.goals')} landmark={false}>
        <thead>
          <tr>
            <th scope="col">{t('goals.text')}</th>
            <th scope="col">{t('goals.source')}</th>
            <th scope="col">{t('goals.status')}</th>
            <th scope="col">{t('goals.setOn')}</th>
          </tr>
        </thead>
        <tbody>
          {(plan.goals ?? []).map((goal) => (
            <tr key={goal.id}>
              <td>{goal.text}</td>
              <td>{t(`goalSources.${goal.source}`)}</td>
              <td>
                {t(`goalStatuses.${goal.status}`)}
                {goal.holdReason ? `: ${goal.holdReason}` : ''}
                {goal.statusOn ? ` (${formatDate(goal.statusOn, lang)})` : ''}
              </td>
              <td>{formatDate(goal.setOn!, lang)}</td>
            </tr>
          ))}
        </tbody>
      </ScrollingTable>
      {(plan.versions ?? 1) > 1 && (
        <p>
          <Link to={`/clients/${record.id}/pathway/plans/${plan.id}`}>{t('plans.compare', { versions: plan.versions })}</Link>
        </p>
      )}
      {can('services') && (
        <>
          <AddGoalForm plan={plan} record={record} reload={reload} />
          {(plan.goals ?? []).length > 0 && <GoalStatusForm plan={plan} record={record} reload={reload} />}
        </>
      )}
    </article>
  );
}

const sourceOptions = (t: (key: string) => string) => goalSources.map((code) => ({ value: code, label: t(`goalSources.${code}`) }));

function NewPlanForm({ record, reload }: SectionProps) {
  const { t } = useTranslation('pathway');
  const { post } = recordWrites(record);
  const organisations = useApiQuery<Organisation[]>('/organisations');
  return (
    <SavingForm
      summary={t('plans.new')}
      submitLabel={t('plans.save')}
      saved={t('plans.saved')}
      onSaved={reload}
      check={(data) => (formText(data, 'partner') && !formText(data, 'consentOn') ? [{ name: 'consentOn', problem: 'consent' }] : [])}
      onSubmit={(data) => {
        const partner = formText(data, 'partner');
        const goalText = formText(data, 'goalText');
        const drawnOn = formDay(data, 'drawnOn');
        return post('/plans', {
          kind: formCode(data, 'kind'),
          drawnBy: formText(data, 'drawnBy'),
          drawnWith: formText(data, 'drawnWith'),
          drawnOn,
          nextReviewOn: formDayOrNull(data, 'nextReviewOn'),
          goals: goalText ? [{ text: goalText, source: formCode(data, 'goalSource'), status: 'active', setOn: drawnOn }] : [],
          partners: partner ? [{ organisationId: partner, consentOn: formDay(data, 'consentOn') }] : [],
        } satisfies PlanInput);
      }}
    >
      <SelectField
        name="kind"
        label={t('plans.kind')}
        required
        options={planKinds.map((code) => ({ value: code, label: t(`planKinds.${code}`) }))}
      />
      <Field name="drawnBy" label={t('plans.drawnBy')} hint={t('plans.drawnByHint')} required />
      <Field name="drawnWith" label={t('plans.drawnWith')} hint={t('plans.drawnWithHint')} />
      <DateField name="drawnOn" label={t('plans.drawnOn')} required defaultValue={helsinkiDate()} />
      <DateField name="nextReviewOn" label={t('plans.nextReview')} hint={t('plans.nextReviewHint')} />
      <SelectField
        name="partner"
        label={t('plans.partner')}
        hint={t('plans.partnerHint')}
        placeholder={t('plans.noPartner')}
        options={(organisations.data ?? []).map((organisation) => ({ value: organisation.id, label: organisation.name }))}
      />
      <DateField name="consentOn" label={t('plans.consentOn')} messages={{ consent: t('plans.consentNeeded') }} />
      <TextAreaField name="goalText" label={t('goals.first')} rows={2} />
      <SelectField name="goalSource" label={t('goals.source')} options={sourceOptions(t)} />
    </SavingForm>
  );
}

function AddGoalForm({ plan, record, reload }: SectionProps & { plan: Plan }) {
  const { t } = useTranslation('pathway');
  const { post } = recordWrites(record);
  return (
    <SavingForm
      summary={t('goals.add')}
      submitLabel={t('goals.save')}
      saved={t('plans.revised')}
      onSaved={reload}
      onSubmit={(data) =>
        post(
          `/plans/${plan.id}/versions`,
          revision(plan, [
            ...goalsOf(plan),
            {
              text: formText(data, 'text'),
              source: formCode(data, 'source'),
              status: 'active',
              holdReason: null,
              setOn: formDay(data, 'setOn'),
              statusOn: null,
            },
          ]),
        )
      }
    >
      <TextAreaField name="text" label={t('goals.text')} hint={t('goals.textHint')} rows={2} required />
      <SelectField name="source" label={t('goals.source')} required options={sourceOptions(t)} />
      <DateField name="setOn" label={t('goals.setOn')} required defaultValue={helsinkiDate()} />
    </SavingForm>
  );
}

function GoalStatusForm({ plan, record, reload }: SectionProps & { plan: Plan }) {
  const { t } = useTranslation('pathway');
  const { post } = recordWrites(record);
  return (
    <SavingForm
      summary={t('goals.changeStatus')}
      submitLabel={t('goals.saveStatus')}
      saved={t('plans.revised')}
      onSaved={reload}
      check={(data) =>
        formText(data, 'status') === 'on_hold' && !formText(data, 'holdReason') ? [{ name: 'holdReason', problem: 'reason' }] : []
      }
      onSubmit={(data) => {
        const goalId = formText(data, 'goal');
        const status = formCode<Goal['status']>(data, 'status');
        const goals = goalsOf(plan).map((goal) =>
          goal.id === goalId
            ? {
                ...goal,
                status,
                holdReason: status === 'on_hold' ? formTextOrNull(data, 'holdReason') : null,
                statusOn: formDay(data, 'statusOn'),
              }
            : goal,
        );
        return post(`/plans/${plan.id}/versions`, revision(plan, goals));
      }}
    >
      <SelectField
        name="goal"
        label={t('goals.which')}
        required
        options={(plan.goals ?? []).map((goal) => ({ value: goal.id!, label: goal.text! }))}
      />
      <SelectField
        name="status"
        label={t('goals.status')}
        required
        options={goalStatuses.map((code) => ({ value: code, label: t(`goalStatuses.${code}`) }))}
      />
      <Field
        name="holdReason"
        label={t('goals.holdReason')}
        hint={t('goals.holdReasonHint')}
        messages={{ reason: t('goals.holdReasonNeeded') }}
      />
      <DateField name="statusOn" label={t('goals.statusOn')} required defaultValue={helsinkiDate()} />
    </SavingForm>
  );
}
