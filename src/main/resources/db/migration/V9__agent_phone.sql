-- The agent's phone (a SIP URI) that a real carrier keeps connected for the whole shift.
ALTER TABLE agent ADD COLUMN phone_uri text;
