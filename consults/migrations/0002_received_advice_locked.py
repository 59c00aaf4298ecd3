"""The database refuses to change or remove a consultation entry that holds a colleague's
signed answer (``ConsultAnswer.consultation``): it is their words, signed, like the answer."""

from __future__ import annotations

from django.db import migrations

FORWARD = """
CREATE FUNCTION consults_received_advice_locked() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM consults_consultanswer WHERE consultation_id = OLD.id) THEN
        RAISE EXCEPTION 'ethicsdesk: advice received through EthicsDesk; % on % refused',
            TG_OP, TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER consults_received_advice_locked
    BEFORE UPDATE OR DELETE ON cases_consultation
    FOR EACH ROW EXECUTE FUNCTION consults_received_advice_locked();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS consults_received_advice_locked ON cases_consultation;
DROP FUNCTION IF EXISTS consults_received_advice_locked();
"""


class Migration(migrations.Migration):
    dependencies = [("consults", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
