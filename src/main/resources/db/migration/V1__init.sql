CREATE TABLE campaign (id text PRIMARY KEY, tenant text NOT NULL);
