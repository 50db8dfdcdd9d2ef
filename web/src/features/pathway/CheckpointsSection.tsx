import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formCode, formDay, formText } from '../../lib/forms.ts';
import { DateField, Field, SelectField, TextAreaField } from '../../ui/form/fields.tsx';
import { formatDate } from '../../ui/ui.tsx';
import { ScrollingTable } from '../../ui/ScrollingTable.tsx';
import { helsinkiDate } from '#shared/dates.ts';
import { cefrLevels, languageSkills, languageSources, literacyLevels, mentalStates } from '#shared/pathwayCodes.ts';
import type { CheckpointInput } from '#shared/api/pathway.ts';
import { recordWrites, type ClientPathway, type SectionProps } from './pathwayRecord.ts';
import { SavingForm } from './SavingForm.tsx';

type Kind = CheckpointInput['kind'];
type Checkpoint = NonNullable<ClientPathway['pathwayCheckpoints']>[number];

/** What one checkpoint says, in words: a level, and for language the level of each skill assessed. */
export function checkpointLevel(checkpoint: Checkpoint, t: (key: string, options?: Record<string, unknown>) => string) {
  if (checkpoint.kind === 'mental_state') return t(`mentalStates.${checkpoint.level}`);
  if (checkpoint.kind === 'literacy') return t(`literacyLevels.${checkpoint.level}`);
  const skills = languageSkills
    .filter((skill) => checkpoint.skills?.[skill])
    .map((skill) => `${t(`skills.${skill}`)} ${checkpoint.skills![skill]}`)
    .join(', ');
  return `${t('languageOf', { language: checkpoint.language })}: ${checkpoint.level} (${skills}) – ${t(`languageSources.${checkpoint.source}`)}`;
}

/** The map's checkpoints over time: mental state (only ready or not yet, unless health is granted), literacy, language. */
export function CheckpointsSection({ record, reload }: SectionProps) {
  const { t, i18n } = useTranslation('pathway');
  const lang = i18n.language;
  const { can } = recordWrites(record);
  const checkpoints = record.pathwayCheckpoints ?? [];
  return (
    <section className="panel" aria-labelledby="checkpoints-heading">
      <h2 id="checkpoints-heading">{t('checkpoints.heading')}</h2>
      {checkpoints.length === 0 ? (
        <p>{t('checkpoints.none')}</p>
      ) : (
        <ScrollingTable caption={t('checkpoints.heading')} captionHidden landmark={false}>
          <thead>
            <tr>
              <th scope="col">{t('checkpoints.kind')}</th>
              <th scope="col">{t('checkpoints.result')}</th>
              <th scope="col">{t('checkpoints.assessedOn')}</th>
              <th scope="col">{t('checkpoints.assessor')}</th>
            </tr>
          </thead>
          <tbody>
            {checkpoints.map((checkpoint) => (
              <tr key={checkpoint.id}>
                <td>{t(`checkpointKinds.${checkpoint.kind}`)}</td>
                <td>{checkpointLevel(checkpoint, t)}</td>
                <td>{formatDate(checkpoint.assessedOn!, lang)}</td>
                <td>{checkpoint.assessor}</td>
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
      )}
      {record.pathwayClinicalNotes && record.pathwayClinicalNotes.length > 0 && (
        <>
          <h3>{t('checkpoints.clinicalNotes')}</h3>
          <ul>
            {record.pathwayClinicalNotes.map((note) => (
              <li key={note.checkpointId}>
                <span className="muted">{formatDate(note.assessedOn!, lang)}</span> <span className="preserve">{note.note}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <Suggestions record={record} />
      {(can('services') || can('health')) && <CheckpointForm record={record} reload={reload} />}
    </section>
  );
}

/**
 * What the checkpoints suggest next: a suggestion, never a block. A language course waits while the
 * latest mental state is "not yet"; literacy short of the Latin alphabet suggests literacy teaching first.
 */
function Suggestions({ record }: { record: ClientPathway }) {
  const { t } = useTranslation('pathway');
  const latest = (kind: string) => record.pathwayCheckpoints?.find((checkpoint) => checkpoint.kind === kind);
  const mental = latest('mental_state');
  const literacy = latest('literacy');
  const suggestions: string[] = [];
  if (mental?.level === 'not_yet') suggestions.push(t('suggestions.supportFirst'));
  else if (literacy && ['none', 'mother_tongue_only', 'other_script'].includes(literacy.level!))
    suggestions.push(t('suggestions.literacyFirst'));
  else if (mental?.level === 'ready') suggestions.push(t('suggestions.languageCourse'));
  if (!mental) suggestions.push(t('suggestions.assessMentalState'));
  return (
    <>
      <h3>{t('suggestions.heading')}</h3>
      <ul>
        {suggestions.map((suggestion) => (
          <li key={suggestion}>{suggestion}</li>
        ))}
      </ul>
      <p className="muted">{t('suggestions.never')}</p>
    </>
  );
}

function CheckpointForm({ record, reload }: SectionProps) {
  const { t } = useTranslation('pathway');
  const { can, post } = recordWrites(record);
  const [kind, setKind] = useState<Kind | ''>('');
  const kinds: Kind[] = [
    ...(can('health') ? (['mental_state'] as const) : []),
    ...(can('services') ? (['literacy', 'language'] as const) : []),
  ];
  const levels = kind === 'mental_state' ? mentalStates : kind === 'literacy' ? literacyLevels : kind === 'language' ? cefrLevels : [];
  const levelLabel = (level: string) =>
    kind === 'mental_state' ? t(`mentalStates.${level}`) : kind === 'literacy' ? t(`literacyLevels.${level}`) : level;
  return (
    <SavingForm
      summary={t('checkpoints.add')}
      submitLabel={t('checkpoints.save')}
      saved={t('checkpoints.saved')}
      onSaved={reload}
      onSubmit={(data) => {
        const chosen = formCode<Kind>(data, 'kind');
        const skills = Object.fromEntries(
          languageSkills.map((skill) => [skill, formText(data, `skill-${skill}`)]).filter(([, level]) => level),
        );
        return post('/checkpoints', {
          kind: chosen,
          assessedOn: formDay(data, 'assessedOn'),
          assessor: formText(data, 'assessor'),
          level: formText(data, 'level'),
          ...(chosen === 'language' ? { language: formText(data, 'language'), skills, source: formCode(data, 'source') } : {}),
          ...(chosen === 'mental_state' && formText(data, 'clinicalNote') ? { clinicalNote: formText(data, 'clinicalNote') } : {}),
        } as CheckpointInput);
      }}
    >
      <SelectField
        name="kind"
        label={t('checkpoints.kind')}
        required
        value={kind}
        onChange={(event) => setKind(event.target.value as Kind)}
        options={kinds.map((code) => ({ value: code, label: t(`checkpointKinds.${code}`) }))}
      />
      <DateField name="assessedOn" label={t('checkpoints.assessedOn')} required defaultValue={helsinkiDate()} />
      <Field name="assessor" label={t('checkpoints.assessor')} hint={t('checkpoints.assessorHint')} required />
      <SelectField
        name="level"
        label={kind === 'language' ? t('checkpoints.overallLevel') : t('checkpoints.result')}
        required
        options={levels.map((level) => ({ value: level, label: levelLabel(level) }))}
      />
      {kind === 'language' && (
        <>
          <Field name="language" label={t('checkpoints.language')} hint={t('checkpoints.languageHint')} required />
          {languageSkills.map((skill) => (
            <SelectField
              key={skill}
              name={`skill-${skill}`}
              label={t(`skills.${skill}`)}
              placeholder={t('checkpoints.notAssessed')}
              options={cefrLevels.map((level) => ({ value: level, label: level }))}
            />
          ))}
          <SelectField
            name="source"
            label={t('checkpoints.source')}
            required
            options={languageSources.map((code) => ({ value: code, label: t(`languageSources.${code}`) }))}
          />
        </>
      )}
      {kind === 'mental_state' && (
        <TextAreaField name="clinicalNote" label={t('checkpoints.clinicalNote')} hint={t('checkpoints.clinicalNoteHint')} rows={3} />
      )}
    </SavingForm>
  );
}
