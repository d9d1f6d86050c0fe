-- migrate:expand
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
ALTER TABLE orders ADD CONSTRAINT positive CHECK (total >= 0) NOT VALID;
ALTER TABLE orders ADD COLUMN coupon_id bigint REFERENCES coupons (id);
CREATE TABLE fresh (id bigint PRIMARY KEY, n integer);
ALTER TABLE fresh ADD CONSTRAINT n_positive CHECK (n > 0);
-- migrate:rollback
DROP TABLE fresh;
