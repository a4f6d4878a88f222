CREATE TABLE "document_numbers" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "document_numbers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"issuer_id" text NOT NULL,
	"year" integer NOT NULL,
	"series" text NOT NULL,
	"number" integer NOT NULL,
	"case_id" text,
	"form" text NOT NULL,
	"trail_seq" integer,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "document_numbers_number" ON "document_numbers" USING btree ("issuer_id","year","series","number");--> statement-breakpoint
CREATE UNIQUE INDEX "document_numbers_case_form" ON "document_numbers" USING btree ("case_id","form") WHERE "document_numbers"."case_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "document_numbers_report" ON "document_numbers" USING btree ("issuer_id","form","year") WHERE "document_numbers"."case_id" IS NULL;