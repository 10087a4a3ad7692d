import { z } from 'zod';
import { asArray } from '../../core/http/forms.ts';
import { choice, optionalText, requiredText } from '../../core/http/fields.ts';
import { idParam, pathParams } from '../../core/http/route-schemas.ts';
import { uploadedFileField } from '../../core/http/uploads.ts';
import { isUuid } from '../../core/db/uuid.ts';
import { communityVisibilities, threadKinds } from './tables.ts';

/** The most a post may hold: a long, careful answer, not a pasted document (attach those). */
export const MAX_POST_LENGTH = 20_000;

const optionalRecord = (message: string) =>
  z.preprocess((value) => (value === '' || value === undefined ? null : value), z.string().refine(isUuid, message).nullable());

export const communitySchema = z.object({
  name: requiredText('the community’s name', 120),
  description: optionalText('description', 2000),
  visibility: choice(communityVisibilities, 'Choose who can see the community'),
  programmeId: optionalRecord('Choose a programme from the list'),
});
export type CommunityInput = z.infer<typeof communitySchema>;

export const threadSchema = z.object({
  kind: choice(threadKinds, 'Choose whether this is a discussion or a challenge'),
  title: requiredText('a title', 200),
  body: requiredText('what you want to say', MAX_POST_LENGTH),
  /** A file shared with the post; its kind is checked against its bytes by the operation. */
  attachment: uploadedFileField,
});
export type ThreadInput = z.infer<typeof threadSchema>;

export const replySchema = z.object({ body: requiredText('your reply', MAX_POST_LENGTH), attachment: uploadedFileField });
export type ReplyInput = z.infer<typeof replySchema>;

export const addMembersSchema = z.object({
  personIds: z.preprocess(asArray, z.array(z.string().refine(isUuid, 'Choose people from the list')).max(500)),
  /** Everyone in this programme's cohort (its participants, and a delivery programme's site leads and contacts). */
  fromProgrammeId: optionalRecord('Choose a programme from the list'),
});
export type AddMembersInput = z.infer<typeof addMembersSchema>;

export const communityParams = pathParams({ communityId: idParam });
export const threadParams = pathParams({ communityId: idParam, threadId: idParam });
export const postParams = pathParams({ communityId: idParam, threadId: idParam, postId: idParam });
export const attachmentParams = pathParams({ communityId: idParam, threadId: idParam, attachmentId: idParam });
export const memberParams = pathParams({ communityId: idParam, personId: idParam });

export const reportSchema = z.object({ reason: requiredText('what is wrong with the post', 1000) });
export type ReportInput = z.infer<typeof reportSchema>;
