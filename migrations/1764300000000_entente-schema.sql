-- Up Migration
-- Entente's PostgreSQL store (src/store/postgres). Records are kept as the JSON the data
-- files hold (json keeps the text exactly, key order included, so an export reproduces the
-- files); what reads filter, order and search on is derived from each record by the same
-- code as the JSON store's indexes and kept in indexed columns and tables beside it.
-- Strings compare by code point (COLLATE "C"), as the JSON store compares them.

DO $$ BEGIN
  CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;
EXCEPTION WHEN unique_violation THEN NULL; -- created at the same moment by another migration
END $$;
DO $$ BEGIN
  CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;
EXCEPTION WHEN unique_violation THEN NULL;
END $$;
DO $$ BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
EXCEPTION WHEN unique_violation THEN NULL;
END $$;

-- unaccent is only STABLE (its dictionary could change); indexes need IMMUTABLE.
CREATE FUNCTION fold_text(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

-- One row per record.
CREATE TABLE entity (
  type text COLLATE "C" NOT NULL,
  slug text COLLATE "C" NOT NULL,
  -- The data-set order (the order of the JSON file): a new record goes last.
  position bigint NOT NULL,
  record json NOT NULL,
  -- The days the record's (fuzzy) date may fall on, both ends inclusive, unbounded where unknown
  -- (meetings, sources); NULL for types without a date.
  during daterange,
  -- The folded words of the record's text, for `text` filters (word prefixes).
  words tsvector,
  -- Names and aliases (or title), for `search`: weighted words, and the folded text for typos.
  name_vector tsvector,
  name_text text COLLATE "C",
  PRIMARY KEY (type, slug)
);
CREATE INDEX entity_position ON entity (type, position);
CREATE INDEX entity_during ON entity USING gist (type, during) WHERE during IS NOT NULL;
CREATE INDEX entity_words ON entity USING gin (words) WHERE words IS NOT NULL;
CREATE INDEX entity_name_vector ON entity USING gin (name_vector) WHERE name_vector IS NOT NULL;
CREATE INDEX entity_name_trigrams ON entity USING gin (name_text public.gin_trgm_ops) WHERE name_text IS NOT NULL;
CREATE SEQUENCE entity_position_seq;

-- A record's sort key in each of its type's orders (sort values, then the slug: unique).
-- Pages read this index in key order from a cursor (keyset pagination, never OFFSET).
CREATE TABLE entity_key (
  type text COLLATE "C" NOT NULL,
  order_field text COLLATE "C" NOT NULL,
  key text[] COLLATE "C" NOT NULL,
  slug text COLLATE "C" NOT NULL,
  PRIMARY KEY (type, order_field, key),
  UNIQUE (type, order_field, slug),
  FOREIGN KEY (type, slug) REFERENCES entity (type, slug) ON DELETE CASCADE
);

-- Posting lists: a record's values in each indexed field ('' stands for a missing reference).
CREATE TABLE entity_value (
  type text COLLATE "C" NOT NULL,
  field text COLLATE "C" NOT NULL,
  value text COLLATE "C" NOT NULL,
  slug text COLLATE "C" NOT NULL,
  PRIMARY KEY (type, field, value, slug),
  FOREIGN KEY (type, slug) REFERENCES entity (type, slug) ON DELETE CASCADE
);
CREATE INDEX entity_value_record ON entity_value (type, slug);

-- What refers to what (references and citations): the records a delete would leave dangling.
CREATE TABLE entity_reference (
  target_type text COLLATE "C" NOT NULL,
  target_slug text COLLATE "C" NOT NULL,
  type text COLLATE "C" NOT NULL,
  slug text COLLATE "C" NOT NULL,
  PRIMARY KEY (target_type, target_slug, type, slug),
  FOREIGN KEY (type, slug) REFERENCES entity (type, slug) ON DELETE CASCADE
);
CREATE INDEX entity_reference_record ON entity_reference (type, slug);

-- Full texts of sources (quotes are checked against them).
CREATE TABLE source_text (
  slug text COLLATE "C" PRIMARY KEY,
  text text NOT NULL
);

-- The change feed: every applied change, in the order applied, with the record as the change
-- left it (NULL after a delete; a created source with its text), as the JSON store's journal
-- keeps them: an export writes them back as journal.jsonl.
CREATE TABLE change (
  seq bigint PRIMARY KEY,
  at text NOT NULL,
  operation text NOT NULL CHECK (operation IN ('create', 'update', 'delete')),
  type text COLLATE "C" NOT NULL,
  slug text COLLATE "C" NOT NULL,
  record json
);

-- The data version (the seq of the last change) and the record counts, in one row that every
-- write locks first: writes from every replica are serialized on it.
CREATE TABLE store_state (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  version bigint NOT NULL DEFAULT 0,
  counts jsonb NOT NULL DEFAULT '{}'
);
INSERT INTO store_state DEFAULT VALUES;

-- Down Migration
DROP TABLE store_state, change, source_text, entity_reference, entity_value, entity_key, entity;
DROP SEQUENCE entity_position_seq;
DROP FUNCTION fold_text(text);
