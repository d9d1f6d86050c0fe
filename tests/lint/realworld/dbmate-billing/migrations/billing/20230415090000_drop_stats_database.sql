-- The reporting database moved to the warehouse.
-- migrate:up transaction:false
drop database if exists billing_stats; -- expect: drop-database

-- migrate:down transaction:false
create database billing_stats;
