-- migrate:expand
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id); -- fires
ALTER TABLE orders ADD CONSTRAINT positive CHECK (total >= 0); -- fires
ALTER TABLE orders ADD COLUMN qty integer CHECK (qty > 0); -- fires
ALTER TABLE orders ADD COLUMN coupon_id bigint REFERENCES coupons (id);
-- migrate:rollback
ALTER TABLE orders DROP CONSTRAINT positive;
