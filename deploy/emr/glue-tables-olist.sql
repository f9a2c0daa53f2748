-- Registers the Olist Delta tables in the Glue Data Catalog (optional; the jobs themselves work
-- on paths and need no catalog). Run on a cluster created with configurations-glue.json, through
-- spark-sql with the job jar (it carries Delta) and the root as a Hive variable:
--   spark-sql --jars s3://${BUCKET}/artifacts/jars/lakehouse-jobs-olist-0.1.0-SNAPSHOT-spark.jar \
--     --hivevar ROOT=s3://${BUCKET}/lakehouse -f glue-tables-olist.sql
-- Run it after the first pipeline run (a Delta table needs its log to exist). CREATE TABLE ...
-- USING DELTA LOCATION records only the location: the schema stays in the Delta log, so later
-- schema changes need no new registration and re-running this file changes nothing.
CREATE DATABASE IF NOT EXISTS lakehouse_bronze;
CREATE DATABASE IF NOT EXISTS lakehouse_silver;
CREATE DATABASE IF NOT EXISTS lakehouse_gold;

CREATE TABLE IF NOT EXISTS lakehouse_bronze.olist_customers USING DELTA LOCATION '${hivevar:ROOT}/bronze/olist/customers';
CREATE TABLE IF NOT EXISTS lakehouse_bronze.olist_geolocation USING DELTA LOCATION '${hivevar:ROOT}/bronze/olist/geolocation';
CREATE TABLE IF NOT EXISTS lakehouse_bronze.olist_order_items USING DELTA LOCATION '${hivevar:ROOT}/bronze/olist/order_items';
CREATE TABLE IF NOT EXISTS lakehouse_bronze.olist_payments USING DELTA LOCATION '${hivevar:ROOT}/bronze/olist/payments';
CREATE TABLE IF NOT EXISTS lakehouse_bronze.olist_reviews USING DELTA LOCATION '${hivevar:ROOT}/bronze/olist/reviews';
CREATE TABLE IF NOT EXISTS lakehouse_bronze.olist_orders USING DELTA LOCATION '${hivevar:ROOT}/bronze/olist/orders';
CREATE TABLE IF NOT EXISTS lakehouse_bronze.olist_products USING DELTA LOCATION '${hivevar:ROOT}/bronze/olist/products';
CREATE TABLE IF NOT EXISTS lakehouse_bronze.olist_sellers USING DELTA LOCATION '${hivevar:ROOT}/bronze/olist/sellers';
CREATE TABLE IF NOT EXISTS lakehouse_bronze.olist_category_translation USING DELTA LOCATION '${hivevar:ROOT}/bronze/olist/category_translation';

CREATE TABLE IF NOT EXISTS lakehouse_silver.olist_customers USING DELTA LOCATION '${hivevar:ROOT}/silver/olist/customers';
CREATE TABLE IF NOT EXISTS lakehouse_silver.olist_geolocation USING DELTA LOCATION '${hivevar:ROOT}/silver/olist/geolocation';
CREATE TABLE IF NOT EXISTS lakehouse_silver.olist_order_items USING DELTA LOCATION '${hivevar:ROOT}/silver/olist/order_items';
CREATE TABLE IF NOT EXISTS lakehouse_silver.olist_payments USING DELTA LOCATION '${hivevar:ROOT}/silver/olist/payments';
CREATE TABLE IF NOT EXISTS lakehouse_silver.olist_reviews USING DELTA LOCATION '${hivevar:ROOT}/silver/olist/reviews';
CREATE TABLE IF NOT EXISTS lakehouse_silver.olist_orders USING DELTA LOCATION '${hivevar:ROOT}/silver/olist/orders';
CREATE TABLE IF NOT EXISTS lakehouse_silver.olist_products USING DELTA LOCATION '${hivevar:ROOT}/silver/olist/products';
CREATE TABLE IF NOT EXISTS lakehouse_silver.olist_sellers USING DELTA LOCATION '${hivevar:ROOT}/silver/olist/sellers';
CREATE TABLE IF NOT EXISTS lakehouse_silver.olist_category_translation USING DELTA LOCATION '${hivevar:ROOT}/silver/olist/category_translation';

CREATE TABLE IF NOT EXISTS lakehouse_gold.olist_daily_sales USING DELTA LOCATION '${hivevar:ROOT}/gold/olist/daily_sales';
CREATE TABLE IF NOT EXISTS lakehouse_gold.olist_delivery_performance USING DELTA LOCATION '${hivevar:ROOT}/gold/olist/delivery_performance';
CREATE TABLE IF NOT EXISTS lakehouse_gold.olist_seller_scorecard USING DELTA LOCATION '${hivevar:ROOT}/gold/olist/seller_scorecard';
CREATE TABLE IF NOT EXISTS lakehouse_gold.olist_customer_rfm USING DELTA LOCATION '${hivevar:ROOT}/gold/olist/customer_rfm';
CREATE TABLE IF NOT EXISTS lakehouse_gold.olist_review_vs_delivery USING DELTA LOCATION '${hivevar:ROOT}/gold/olist/review_vs_delivery';
CREATE TABLE IF NOT EXISTS lakehouse_gold.olist_payment_mix USING DELTA LOCATION '${hivevar:ROOT}/gold/olist/payment_mix';
CREATE TABLE IF NOT EXISTS lakehouse_gold.olist_monthly_cohorts USING DELTA LOCATION '${hivevar:ROOT}/gold/olist/monthly_cohorts';
