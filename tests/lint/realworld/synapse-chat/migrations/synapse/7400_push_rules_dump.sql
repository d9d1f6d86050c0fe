--
-- PostgreSQL database dump of the push rules tables, loaded as a delta (header kept as pg_dump wrote it).
--
-- migrate:expand
SET statement_timeout = 0; -- expect: lock-timeout-disabled
SET lock_timeout = 0; -- expect: lock-timeout-disabled
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

CREATE TABLE public.push_rules (
    id bigint NOT NULL,
    user_name text NOT NULL,
    rule_id text NOT NULL,
    priority_class smallint NOT NULL,
    priority integer DEFAULT 0 NOT NULL,
    conditions text NOT NULL,
    actions text NOT NULL
);

ALTER TABLE public.push_rules OWNER TO synapse;

CREATE TABLE public.push_rules_enable (
    id bigint NOT NULL,
    user_name text NOT NULL,
    rule_id text NOT NULL,
    enabled smallint
);

ALTER TABLE public.push_rules_enable OWNER TO synapse;

CREATE SEQUENCE public.push_rules_stream_sequence
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER TABLE ONLY public.push_rules
    ADD CONSTRAINT push_rules_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.push_rules
    ADD CONSTRAINT push_rules_user_name_rule_id_key UNIQUE (user_name, rule_id);

ALTER TABLE ONLY public.push_rules_enable
    ADD CONSTRAINT push_rules_enable_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.push_rules_enable
    ADD CONSTRAINT push_rules_enable_user_name_rule_id_key UNIQUE (user_name, rule_id);

CREATE INDEX push_rules_user_name ON public.push_rules USING btree (user_name);
CREATE INDEX push_rules_enable_user_name ON public.push_rules_enable USING btree (user_name);
-- migrate:rollback
DROP TABLE IF EXISTS public.push_rules_enable;
DROP TABLE IF EXISTS public.push_rules;
DROP SEQUENCE IF EXISTS public.push_rules_stream_sequence;
