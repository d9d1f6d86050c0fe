-- migrate:up
update invoices set currency = 'USD' -- expect: unbatched-dml
 where customer_id in (select id from customers where country = 'US');

-- migrate:down
update invoices set currency = 'EUR' -- expect: unbatched-dml
 where customer_id in (select id from customers where country = 'US');
