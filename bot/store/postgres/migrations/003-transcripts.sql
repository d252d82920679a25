-- botbuilder's TranscriptStore: one row per conversation (for listing and retention) and one per
-- logged activity, appended; `id` orders a conversation's activities and is the paging token.
CREATE TABLE transcripts (
  channel_id text NOT NULL,
  conversation_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (channel_id, conversation_id)
);
CREATE INDEX transcripts_updated_at ON transcripts (updated_at);

CREATE TABLE transcript_activities (
  id bigserial PRIMARY KEY,
  channel_id text NOT NULL,
  conversation_id text NOT NULL,
  activity_at timestamptz,
  activity jsonb NOT NULL,
  FOREIGN KEY (channel_id, conversation_id) REFERENCES transcripts (channel_id, conversation_id) ON DELETE CASCADE
);
CREATE INDEX transcript_activities_conversation ON transcript_activities (channel_id, conversation_id, id);
