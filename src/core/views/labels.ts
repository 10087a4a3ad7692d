/** Words users see for stored codes, in one place so every page and export agrees. */

export { countOf } from './format.ts';

export const roleLabels: Record<string, string> = {
  administrator: 'Administrator',
  facilitator: 'Facilitator',
  member: 'Member',
  expert: 'Expert',
  viewer: 'Viewer',
};

export const roleDescriptions: Record<string, string> = {
  administrator: 'Everything a facilitator can do, plus roles, the audit log and the e-mail outbox',
  facilitator: 'Bridge-builder staff: manage people, organisations, topics and invitations',
  member: 'A participant or a central or local officer: sees the workspace, edits their own profile',
  expert: 'An academic, practitioner or family voice: like a member, and listed as an expert',
  viewer: 'Can read the workspace but not change anything',
};

export const organisationKindLabels: Record<string, string> = {
  department: 'Government department',
  local_authority: 'Local authority',
  hub: 'Hub or cluster',
  region: 'Region',
  university: 'University',
  charity: 'Charity',
  provider: 'Provider',
  other: 'Other',
};

export const perspectiveLabels: Record<string, string> = {
  academic: 'Research',
  practitioner: 'Practice',
  central_government: 'Central government',
  local_government: 'Local government',
  lived_experience: 'Lived experience',
};

export const relationshipKindLabels: Record<string, string> = {
  introduced: 'Introduced',
  met: 'Met',
  collaborated: 'Worked together',
  co_presented: 'Presented together',
  answered_challenge: 'Answered a challenge',
};

export const introductionOutcomeLabels: Record<string, string> = {
  met: 'They met',
  will_meet: 'They will meet',
  did_not_meet: 'They did not meet',
};

export const contactPreferenceLabels: Record<string, string> = {
  email: 'E-mail',
  phone: 'Phone',
  video_call: 'Video call',
  no_contact: 'Prefers not to be contacted',
};

/** English regions plus the nations and "national", the geography public-sector users work in. */
export const regions = [
  'National',
  'North East',
  'North West',
  'Yorkshire and the Humber',
  'East Midlands',
  'West Midlands',
  'East of England',
  'London',
  'South East',
  'South West',
  'Wales',
  'Scotland',
  'Northern Ireland',
] as const;

export const sourceTypeLabels: Record<string, string> = {
  research_study: 'Research study',
  systematic_review: 'Systematic review',
  evaluation_report: 'Evaluation report',
  policy_document: 'Policy document',
  data_statistics: 'Data and statistics',
  practitioner_insight: 'Practitioner insight',
  lived_experience: 'Lived experience and family voice',
  guidance: 'Guidance',
};

export const strengthLabels: Record<string, string> = {
  strong: 'Strong',
  moderate: 'Moderate',
  limited: 'Limited',
  very_limited: 'Very limited',
};

/** What each strength rating means, said plainly on every page that shows one. */
export const strengthDescriptions: Record<string, string> = {
  strong: 'Well-designed studies (such as good randomised trials or reviews of them) agree; further research is unlikely to change the conclusion.',
  moderate: 'Reasonable studies point the same way, but with some risk of bias or inconsistency; the conclusion could change.',
  limited: 'Few or weaker studies (small, uncontrolled or at high risk of bias); treat the finding as promising, not proven.',
  very_limited: 'Very little or very weak evidence; the finding is a hypothesis to test.',
};

export const programmeKindLabels: Record<string, string> = {
  cohort_learning: 'Cohort learning programme',
  delivery_support: 'Delivery support programme',
};

export const cohortRoleLabels: Record<string, string> = { participant: 'Participant', facilitator: 'Facilitator' };

export const sessionKindLabels: Record<string, string> = {
  masterclass: 'Masterclass or training',
  field_visit: 'Field visit',
  action_learning_set: 'Action learning set',
  networking: 'Networking',
  consultancy: 'One-to-one consultancy',
  webinar: 'Webinar',
};

export const learningPreferenceLabels: Record<string, string> = {
  talks: 'Talks and masterclasses',
  visits: 'Visits to real settings',
  discussion: 'Discussion with peers',
  reading: 'Reading',
  one_to_one: 'One-to-one support',
  online: 'Online sessions',
};

export const attendanceLabels: Record<string, string> = { attended: 'Attended', apologies: 'Sent apologies', absent: 'Absent' };

export const needStatusLabels: Record<string, string> = { open: 'Open', planned: 'Planned', addressed: 'Addressed' };

export const needAnswerLabels: Record<string, string> = { yes: 'Yes, answered', partly: 'Partly answered', no: 'Not answered' };

export const supportRequestKindLabels: Record<string, string> = {
  question: 'A question',
  document_review: 'A document to review',
  introduction: 'An introduction to someone',
};

export const supportRequestStatusLabels: Record<string, string> = { open: 'Open', in_progress: 'In progress', resolved: 'Resolved' };

export const ragLabels: Record<string, string> = { green: 'Green', amber: 'Amber', red: 'Red' };

export const trackerStateLabels: Record<string, string> = {
  submitted: 'Submitted',
  submitted_late: 'Submitted late',
  draft: 'Draft',
  returned: 'Returned for correction',
  late: 'Late',
  missing: 'Not started',
};

export const sectionPurposeLabels: Record<string, string> = {
  challenges: 'Challenges',
  insights: 'Insights and learning',
  good_practice: 'Good practice',
  support: 'Support requests',
  other: 'Other',
};

/** The editable parts of an evaluation report, by key. */
export const reportSectionLabels: Record<string, string> = {
  summary: 'Summary',
  lessons: 'Transferable lessons',
  method: 'Method',
  limitations: 'Limitations',
};

export const programmePhaseLabels: Record<string, string> = {
  design: 'Design',
  set_up: 'Setting up',
  delivery: 'Delivery',
  closing: 'Closing',
  evaluation: 'Evaluation',
};

export const lessonStatusLabels: Record<string, string> = { draft: 'Draft', reviewed: 'Reviewed', published: 'Published' };

export const lessonDecisionLabels: Record<string, string> = { applied: 'Applied', discuss: 'To discuss', not_relevant: 'Not relevant' };

/** Every label set by name, for the `label` template filter. */
export const labelSets: Record<string, Record<string, string>> = {
  perspective: perspectiveLabels,
  relationshipKind: relationshipKindLabels,
  introductionOutcome: introductionOutcomeLabels,
  programmeKind: programmeKindLabels,
  cohortRole: cohortRoleLabels,
  sessionKind: sessionKindLabels,
  learningPreference: learningPreferenceLabels,
  attendance: attendanceLabels,
  needStatus: needStatusLabels,
  needAnswer: needAnswerLabels,
  supportRequestKind: supportRequestKindLabels,
  supportRequestStatus: supportRequestStatusLabels,
  rag: ragLabels,
  trackerState: trackerStateLabels,
  sectionPurpose: sectionPurposeLabels,
  programmePhase: programmePhaseLabels,
  lessonStatus: lessonStatusLabels,
  lessonDecision: lessonDecisionLabels,
};

export const actionEntryKindLabels: Record<string, string> = { action: 'Action', reflection: 'Reflection' };
labelSets.actionEntryKind = actionEntryKindLabels;
