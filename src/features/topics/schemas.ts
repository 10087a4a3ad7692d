import { z } from 'zod';
import { optionalText, requiredText } from '../../core/http/fields.ts';

export const topicSchema = z.object({
  name: requiredText('a topic name', 80),
  description: optionalText('description', 500),
});
export type TopicInput = z.infer<typeof topicSchema>;
