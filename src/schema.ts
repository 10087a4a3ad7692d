/**
 * Every table, for drizzle-kit and for the workspace export. `workspaceTables`
 * lists workspace-owned tables in dependency order (parents first): export
 * reads them in this order and import writes them in this order.
 */
import { auditEvents, mailMessages, workspaceEvents, workspaces } from './core/db/tables.ts';
import { organisations } from './features/organisations/tables.ts';
import { topics } from './features/topics/tables.ts';
import { people, personTopics } from './features/people/tables.ts';
import { invitations, memberships } from './features/access/tables.ts';
import { searchDocuments, searchPostings, searchStats, searchTerms } from './features/search/tables.ts';
import {
  evidenceAttachmentFiles,
  evidenceAttachments,
  evidenceImportRows,
  evidenceImports,
  evidenceItems,
  evidenceTopics,
} from './features/evidence/tables.ts';
import {
  actionEntries,
  attendance,
  challenges,
  changeFeedback,
  cohortMembers,
  intakeResponses,
  needStatements,
  needs,
  programmeChanges,
  programmeTopics,
  programmes,
  sessionFeedback,
  sessionNeeds,
  sessionReadings,
  sessionSpeakers,
  programmeSessions,
  setPresentations,
} from './features/programmes/tables.ts';
import { supportRequests } from './features/programmes/support-tables.ts';
import { readingListItems, readingLists } from './features/reading-lists/tables.ts';
import {
  answerTags,
  impactEvidence,
  impactExamples,
  impactSessions,
  outcomeDomains,
  reportSections,
  surveyAnswers,
  surveyInvitations,
  surveyItems,
  surveyQuestions,
  surveyResponses,
  surveys,
} from './features/evaluation/tables.ts';
import { checkpointBriefings } from './features/delivery/briefings/tables.ts';
import {
  checkpointReturns,
  checkpointRounds,
  deliverySites,
  deliveryThemes,
  returnTemplates,
  returnVersions,
  roundAutomation,
  roundReminders,
  siteContacts,
  themeCandidates,
  themeCodings,
  themeResponses,
} from './features/delivery/tables.ts';
import {
  communities,
  communityAttachmentFiles,
  communityAttachments,
  communityMembers,
  communityPosts,
  communityReports,
  communityThreads,
  threadFollowers,
} from './features/communities/tables.ts';
import { communityEvents, eventRegistrations, eventSpeakers } from './features/communities/events/tables.ts';
import { lessonApplications, lessonSources, lessonTopics, lessons, publicLessonSets } from './features/lessons/tables.ts';
import { guideComments, guideProgress, guideVersions, guides } from './features/guides/tables.ts';
import { handovers } from './features/handover/tables.ts';
import { notificationSettings, notifications, unsubscribeLinks } from './features/notifications/tables.ts';
import { apiTokens } from './features/api/tables.ts';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from './features/webhooks/tables.ts';
import { privacySettings } from './features/privacy/tables.ts';
import { ssoIdentities, ssoProviders, ssoRules } from './features/sso/tables.ts';
import { introductionPeople, introductions, relationships } from './features/relationships/tables.ts';

export * from './core/db/tables.ts';
export * from './features/organisations/tables.ts';
export * from './features/topics/tables.ts';
export * from './features/people/tables.ts';
export * from './features/access/tables.ts';
export * from './features/search/tables.ts';
export * from './features/evidence/tables.ts';
export * from './features/programmes/tables.ts';
export * from './features/programmes/support-tables.ts';
export * from './features/reading-lists/tables.ts';
export * from './features/evaluation/tables.ts';
export * from './features/delivery/tables.ts';
export * from './features/delivery/briefings/tables.ts';
export * from './features/communities/tables.ts';
export * from './features/communities/events/tables.ts';
export * from './features/lessons/tables.ts';
export * from './features/guides/tables.ts';
export * from './features/handover/tables.ts';
export * from './features/notifications/tables.ts';
export * from './features/relationships/tables.ts';
export * from './features/api/tables.ts';
export * from './features/webhooks/tables.ts';
export * from './features/privacy/tables.ts';
export * from './features/sso/tables.ts';

export const workspaceTables = {
  organisations,
  topics,
  people,
  personTopics,
  memberships,
  invitations,
  evidenceItems,
  evidenceTopics,
  evidenceImports,
  evidenceImportRows,
  evidenceAttachments,
  evidenceAttachmentFiles,
  programmes,
  programmeTopics,
  cohortMembers,
  intakeResponses,
  needs,
  needStatements,
  programmeSessions,
  sessionSpeakers,
  sessionNeeds,
  sessionReadings,
  attendance,
  sessionFeedback,
  programmeChanges,
  changeFeedback,
  challenges,
  actionEntries,
  setPresentations,
  supportRequests,
  readingLists,
  readingListItems,
  outcomeDomains,
  surveyQuestions,
  surveys,
  surveyItems,
  surveyInvitations,
  surveyResponses,
  surveyAnswers,
  answerTags,
  impactExamples,
  impactEvidence,
  impactSessions,
  reportSections,
  deliverySites,
  siteContacts,
  returnTemplates,
  checkpointRounds,
  roundAutomation,
  roundReminders,
  checkpointReturns,
  returnVersions,
  deliveryThemes,
  themeCodings,
  themeCandidates,
  themeResponses,
  checkpointBriefings,
  communities,
  communityMembers,
  communityThreads,
  communityPosts,
  communityReports,
  threadFollowers,
  communityAttachments,
  communityAttachmentFiles,
  communityEvents,
  eventSpeakers,
  eventRegistrations,
  lessons,
  lessonTopics,
  lessonSources,
  lessonApplications,
  publicLessonSets,
  guides,
  guideVersions,
  guideComments,
  guideProgress,
  handovers,
  notifications,
  notificationSettings,
  unsubscribeLinks,
  apiTokens,
  webhookEndpoints,
  webhookDeliveries,
  webhookAttempts,
  privacySettings,
  ssoProviders,
  ssoRules,
  ssoIdentities,
  introductions,
  introductionPeople,
  relationships,
  auditEvents,
  workspaceEvents,
  mailMessages,
  searchStats,
  searchTerms,
  searchDocuments,
  searchPostings,
} as const;

export { workspaces };
