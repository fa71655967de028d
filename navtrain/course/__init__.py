"""Instructor side: run the graded exercises with nbgrader, in-process.

The package is split by task:

- :mod:`navtrain.course.core`     the :class:`Course` (release, feedback, export, ...)
- :mod:`navtrain.course.roster`   the class list (学员名单) and its import
- :mod:`navtrain.course.collect`  collecting submissions from a folder or a zip
- :mod:`navtrain.course.engine`   the grading engine (parallel kernels, restored cells, guards)
- :mod:`navtrain.course.backup`   gradebook backups and ``restore``
- :mod:`navtrain.course.report`   training statistics for the base's annual evaluation
- :mod:`navtrain.course.harness`  the proof harness: reference and typical wrong answers
- :mod:`navtrain.course.commands` the ``navtrain course ...`` command line
"""

from navtrain.course.core import Course, default_course_dir, feedback_preprocessors, validate

__all__ = ["Course", "default_course_dir", "feedback_preprocessors", "validate"]
